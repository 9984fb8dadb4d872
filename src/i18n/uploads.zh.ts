import type { uploadsEn } from './uploads.en';

/**
 * 上传功能的全部用户可见文字（uploads.en.ts 的简体中文版，逐键对应）。单个文件的提示接收文件名并
 * 返回整句，因为中英文语序不同。
 */
const SUPPORTED = 'PNG、JPEG、GIF、WebP 或 BMP';

/** 文件类型（sniff.ts 的 FormatFamily），接在格式名之后。 */
const FAMILY: Record<string, string> = {
  audio: ' 音频',
  video: ' 视频',
  archive: ' 压缩包',
  raw: '（相机 RAW）',
  photoshop: '（Photoshop）',
};

const list = (items: string[]) => new Intl.ListFormat('zh-CN', { style: 'long', type: 'conjunction' }).format(items);

export const uploadsZh: typeof uploadsEn = {
  // 单个文件的问题。
  emptyFile: (file: string) => `${file}：文件为空（0 字节）`,
  notAnImageText: (file: string) => `${file}：不是图像（文件内容是文本）`,
  notAnImageUnknown: (file: string) => `${file}：不是图像（无法识别的文件格式）`,
  unsupportedFormat: (file: string, format: string, family: string) =>
    `${file}：不支持 ${format}${FAMILY[family] ?? ' '}格式——请转换为 ${SUPPORTED}`,
  tooManyPixels: (file: string, width: number, height: number, maxMegapixels: number) =>
    `${file}：图像太大（${width}×${height} = ${((width * height) / 1e6).toFixed(1)} 百万像素；上限为 ${maxMegapixels} 百万像素）`,
  tooManyBytes: (file: string, bytes: number, maxBytes: number) =>
    `${file}：文件太大（${Math.round(bytes / 2 ** 20)} MB；上限为 ${Math.round(maxBytes / 2 ** 20)} MB）`,
  corrupt: (file: string) => `${file}：无法解码（文件已损坏或不完整）`,
  unreadable: (file: string, reason: string) => `${file}：无法读取（${reason}）`,
  processingFailed: (file: string, reason: string) => `${file}：无法处理（${reason}）`,
  duplicate: (file: string, original: string, className: string) => `${file}：与类别“${className}”中的 ${original} 重复——已跳过`,
  noClass: (file: string) => `${file}：没有可以放入的类别——请先选择一个类别，或拖入一个按类别分好子文件夹的文件夹`,

  // 类别。
  defaultClassName: (n: number) => `类别 ${n}`,
  classNameEmpty: () => '类别名称不能为空',
  classNameTaken: (name: string) => `已经有名为“${name}”的类别了`,
  tooManyClasses: (name: string, max: number) => `“${name}”：本实验室最多支持 ${max.toLocaleString('zh-CN')} 个类别——这个类别没有添加`,
  mergedFolders: (className: string, folders: string[]) =>
    `类别“${className}”来自 ${folders.length} 个文件夹（${list(folders)}）：它们的图像已合并到同一个类别中。本实验室会自行划分训练集和验证集；如果这不是你想要的结果，请只拖入一个按类别分好子文件夹的文件夹（或给这些类别重新命名）。`,

  // 训练前的检查。
  needTwoClasses: (count: number) => `训练至少需要 2 个类别（当前有 ${count} 个）`,
  tooFewImages: (names: string[], counts: number[], min: number, short = names.map((name, i) => ({ name, count: counts[i] ?? 0 }))) =>
    short.length === 1
      ? `类别“${short[0].name}”只有 ${short[0].count} 张图像；每个类别至少需要 ${min} 张（训练和验证各至少一张）`
      : `以下类别每类至少需要 ${min} 张图像（训练和验证各至少一张）：${list(short.map((c) => `“${c.name}”（${c.count} 张）`))}`,
};
