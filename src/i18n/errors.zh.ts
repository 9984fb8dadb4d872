import { MAX_SYNTHETIC_PIXELS } from '../core/data/datasetRef';
import type { errorsEn } from './errors.en';

const n = (v: number) => v.toLocaleString('zh-CN');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} MB`;
const list = (items: string[]) => items.join('、');
const limit = (cap: number, file: string | null) =>
  file === null ? ` model.json 的上限 ${n(cap)} 字节` : ` model.json 为权重文件 ${file} 声明的 ${n(cap)} 字节`;

export const errorsZh: typeof errorsEn = {
  export: {
    numberPair: (value: string) => `模型结构中本应是一对数字的地方写着 ${value}：无法在 PyTorch 中重建。`,
    missingWeight: (layer: string, type: string, key: string, has: string[]) =>
      `层“${layer}”（${type}）没有权重“${key}”（它有：${has.join('、') || '无'}）。`,
  },
  eval: {
    classCount: (outputs: number, classes: number) =>
      `这个模型预测 ${outputs} 个类别，而目标数据有 ${classes} 个：只能在类别相同的目标数据上直接检验。`,
  },
  ignoredFiles: (files: string[]) => `已忽略 model.json 中没有列出的文件：${files.join('、')}。`,
  noCacheStorage: '这个浏览器在此处不提供缓存存储（是否在无痕窗口中？）',
  invalidAt: (what: string, where: string) => `${what}无效（${where}）`,
  issue: (path: string, message: string, more: number) => `“${path}”：${message}${more > 0 ? `（另有 ${more} 处问题）` : ''}`,
  issueRoot: '（根）',
  what: {
    zooIndex: '模型库索引（models/index.json）',
    datasetIndex: '数据集索引（datasets/index.json）',
  },
  zod: {
    shardPath: '权重文件必须是与 model.json 放在同一位置的文件名，不能是网址，也不能是含“..”的路径',
    labelsDistinct: '类别标签不能重复',
    targetId: '内置目标数据集的 id（小写字母、数字和短横线）',
    layerName: '层名（字母、数字和 _ / . : -）',
    modelUrl: '模型网址必须以 https:// 开头（开发时可用 http://localhost），且不能包含用户名或密码',
    zooId: '模型库中源模型的 id（小写字母、数字和短横线）',
    plainName: '名称中不能有控制字符或尖括号',
    datasetId: '内置数据集的 id（小写字母、数字和短横线）',
    classOnce: '每个类别只能出现一次',
    shapeOnce: '每种形状只能出现一次',
    plainText: '文字中不能有控制字符或尖括号',
    fewShotSize: '实验室提供的小样本规模之一',
    tooManyPredictions: '预测结果太多',
    pixelSize: '像素尺寸不对',
    tooManyPixels: `合成图像的像素太多：图像数 × 边长² 最多为 ${MAX_SYNTHETIC_PIXELS.toLocaleString('zh-CN')}（相当于 5,000 张 32×32 的图像）`,
    tooMuchTraining: `训练量太大：种子数 × 轮数 × 每类图像数超过了实验室的上限 ${(10 * 200 * 100).toLocaleString('zh-CN')}`,
  },
  notSourceList: '不是一个源模型列表',

  manifest: {
    tooLarge: (bytes: number, max: number) => `model.json 有 ${mb(bytes)}，而 TF.js 的模型描述文件最多 ${mb(max)}。选的文件对吗？`,
    notJson: (detail: string) => `model.json 不是有效的 JSON（${detail}）。请确认选对了文件，而且文件完整、没有被改动过。`,
    noTopology:
      'model.json 里没有 "modelTopology"：它不是 TF.js 的模型文件。请选择由 tensorflowjs_converter 或 model.save() 生成的 model.json。',
    noWeightsManifest: 'model.json 里没有 "weightsManifest"：它没有说明哪些权重文件属于这个模型。',
    invalid: (where: string) => `model.json 不是有效的 TF.js 模型描述（${where}）。`,
    tooManyWeights: (total: number, name: string, dtype: string, shape: number[], bytes: number, max: number) =>
      `model.json 声明的权重共 ${mb(total)}（其中最大的是“${name}”，类型 ${dtype}，形状 [${shape.join(', ')}]，单它就有 ${mb(bytes)}）；迁移学习实验室最多加载 ${mb(max)} 的模型。`,
    inputTooLarge: (side: number, max: number) =>
      `这个模型声明的输入边长为 ${n(side)} 像素；迁移学习实验室输入的图像最大为 ${max} × ${max}。`,
    notFinite: (layer: string, bad: number, total: number, weight: string) =>
      `层“${layer}”的权重“${weight}”中，${n(total)} 个值里有 ${n(bad)} 个不是有限的数（NaN 或 ±Infinity）。这个模型是在训练发散之后保存的，或者文件已损坏，无法使用。`,
    sizeMismatch: (have: number, take: number) =>
      `权重文件共有 ${n(have)} 字节，但 model.json 中的权重需要 ${n(take)} 字节。某个权重文件不完整，或者属于另一个模型。`,
    truncated: (have: number, weight: string, layer: string) =>
      `权重文件在第 ${n(have)} 字节处就结束了，还没读到层“${layer}”的权重“${weight}”：某个权重文件不完整，或者属于另一个模型。`,
  },

  model: {
    input: {
      notImage: (shape: string) => `这个模型的输入形状是 ${shape}，不是图像。迁移学习实验室需要图像输入 [批, 高, 宽, 通道]。`,
      channels: (shape: string, channels: number | null) =>
        `这个模型的输入 ${shape} 有 ${channels} 个通道；迁移学习实验室输入的是 RGB（3 通道）或灰度（1 通道）图像。`,
      notSquare: (shape: string) =>
        `这个模型的输入 ${shape} 不是固定的正方形图像尺寸；迁移学习实验室需要固定尺寸（例如 [null, 224, 224, 3]）。`,
      tooLarge: (shape: string, max: number) => `这个模型的输入 ${shape} 超出了迁移学习实验室能输入的大小：最大 ${max} × ${max} 像素。`,
    },
    noCut: '这个模型没有输出特征图（4 维）的层，无法在任何位置截断。',
    noLayer: (name: string) => `这个模型没有名为“${name}”的层，无法在那里截断。`,
    unsupportedOp: (op: string) =>
      `这个模型用到了 TF.js 无法在浏览器中运行的运算（${op}）。请用 TF.js 支持的运算重新转换，或者改用层模型。`,
    unknownLayer: (layer: string) => `这个模型用到了 TF.js 不认识的层类型（${layer}）：自定义的 Keras 层无法在浏览器中加载。`,
    failed: (what: string, detail: string) => `${what}：${detail}`,
    buildFailed: 'TF.js 无法用这些文件构建模型',
    testFailed: '模型在测试图像上运行失败',
    labelsMismatch: (labels: number, classes: number | null) =>
      `metadata.json 列出了 ${labels} 个类别，但模型的输出有 ${classes} 个：它们不是同一个模型的文件。`,
    unknownHosted: (id: string) => `未知的托管模型“${id}”。`,
    missingWeights: (names: string[], listed: number) =>
      `缺少权重文件：${list(names)}。model.json 列出了 ${listed} 个权重文件；请把 model.json 和所有这些权重文件一起选上。`,
    weightBytes: (paths: string[], got: number, expected: number, exact: boolean) =>
      `权重文件 ${list(paths)} 共 ${n(got)} 字节，但 model.json 描述的是 ${exact ? '' : '至少 '}${n(expected)} 字节。某个权重文件不完整，或者属于另一个模型。`,
    unknownSource: (id: string) => `未知的源模型“${id}”。`,
    notLoaded: '这个源模型还没有加载：请先在源模型面板中加载它。',
    noBlock: (model: string, block: number, blocks: number) => `模型“${model}”没有第 ${block} 个模块（它共有 ${blocks} 个）。`,
  },

  teachable: {
    notJson: 'metadata.json 不是有效的 JSON：请选择 Teachable Machine 随这个模型一起导出的 metadata.json。',
    invalid: (where: string) => `metadata.json 不是 Teachable Machine 的元数据（${where}）。`,
  },

  download: {
    stalled: (url: string, seconds: number) => `${url} 在 ${seconds} 秒内没有发送任何数据：服务器没有响应。请稍后再试，或检查地址。`,
    webPage: (url: string, file: string | null) =>
      `${url} 返回的是一个网页（text/html），而不是${file === null ? ' model.json' : `权重文件 ${file}`}：地址指向了错误的位置，或者服务器显示的是错误页面。`,
    overCap: (url: string, cap: number, file: string | null) => `${url} 发送的数据超过了${limit(cap, file)}。`,
    overCapStopped: (url: string, cap: number, file: string | null) => `${url} 发送的数据超过了${limit(cap, file)}，下载已停止。`,
    notModelJson: (url: string, detail: string) => `${url} 不是可用的 TF.js model.json：${detail}`,
    offline: (url: string) => `你现在处于离线状态，而 ${url} 还没有缓存到这台设备上。请联网一次把它下载下来，之后离线也能使用。`,
    http: (url: string, status: string) => `${url} 返回了 ${status}。请检查地址。`,
    failed: (url: string, detail: string) =>
      `无法下载 ${url}（${detail}）。可能是网络不通，也可能是服务器不允许这个页面发起跨域（CORS）请求；自己托管的模型必须发送 Access-Control-Allow-Origin 响应头。`,
  },

  zip: {
    workerFailed: '实验室的压缩工作线程在完成之前停止了。请再试一次：会启动一个新的工作线程。',
  },

  local: {
    notAZip: '这个 .zip 文件无法作为压缩包打开：请选择 model.json 及其权重文件，或它们的压缩包。',
    zipTooLarge: '这个压缩包超过了实验室能加载的模型大小（解压后最多 336 MB）。',
    noModelJson: '选中的文件里没有 model.json：请把 model.json 和它的权重文件（.bin）一起选上。',
    severalJson: (names: string[]) => `选中了多个 JSON 文件（${list(names)}）：请只选一个 model.json 和它的权重文件。`,
    severalMetadata: '选中了多个 metadata.json 文件：请只选和这个模型一起导出的那一个。',
  },

  data: {
    unknownDataset: (id: string) => `未知的内置数据集“${id}”。`,
    labelCount: (id: string, expected: number, found: number) => `数据集 ${id}：应有 ${expected} 个标签，实际有 ${found} 个。`,
    pixelCount: (id: string, expected: number, found: number) => `数据集 ${id}：应有 ${expected} 字节像素数据，实际有 ${found} 字节。`,
    normaliseNeedsSource: '把目标数据归一化到源模型需要源模型的像素统计量，而实验室不知道这个源模型的训练图像。',
    backgroundNeedsShapes: '背景偏移只适用于合成的形状目标数据（真实照片没有可以替换的背景）。请换一种偏移。',
    noUploads: '这个实验使用你自己的图像，但没有提供任何图像。',
    biasLeftNothing: '数据偏差设置之后，训练集里一张图像都不剩了。',
  },

  explain: {
    notChain: (first: string, layer: string, feeds: number) =>
      `Grad-CAM 要求“${first}”之后是一条简单的层链；但“${layer}”连到了 ${feeds} 个层。`,
    noPooling: (model: string) => `模型“${model}”在最后一个卷积模块之后没有全局平均池化层。`,
    noPoolingProbe: (source: string) => `源模型“${source}”没有可以接线性探测分类头的全局平均池化层。`,
    noPoolingFeatures: (model: string) => `模型“${model}”没有可以读取特征的全局平均池化层。`,
  },

  gap: {
    tooFewImages: '计算 MMD 时，源模型和目标数据两侧各至少需要两张图像。',
  },

  fusion: {
    classMismatch: (run: string, classes: number, expected: number) =>
      `训练 ${run} 预测 ${classes} 个类别，而不是 ${expected} 个：参与融合的训练必须使用目标数据的同一组类别。`,
  },

  engine: {
    loadFailed: (path: string, status: number) => `无法加载 ${path}（HTTP ${status}）。`,
    notInitialised: '训练引擎还没有初始化。',
    trainFirst: '请先训练：显著性图解释的是最近一次实验中的训练。',
    noValidationImage: (index: number) => `验证集中没有第 ${index} 张图像。`,
  },

  offline: {
    noCache: '此浏览器在这里无法保存离线副本（没有缓存存储，或已被关闭）：实验室只能在线使用。',
  },
};
