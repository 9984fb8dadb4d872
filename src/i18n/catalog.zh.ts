/**
 * 内置目录的简体中文文字，按 id 索引：模型库中的源模型（public/models/index.json）、内置目标数据集
 * （core/data/targets.ts）、谷歌托管的 MobileNet（core/models/external.ts）、打包数据集
 * （public/datasets/index.json），以及类别名称（英文类别名 → 中文）。
 */
export interface CatalogText {
  name: string;
  description: string;
  sourceDomain?: string;
}

/** 模型库中的源模型，按 card.id 索引。 */
export const zooZh: Record<string, CatalogText> = {
  'digits-0-4': {
    name: '数字 0–4',
    description: '只包含手写数字 0–4。是数字 5–9 这一目标最自然的源模型：笔画相同，类别全新。',
    sourceDomain: 'MNIST 手写数字，类别 0–4',
  },
  digits: {
    name: '数字 0–9',
    description: '全部十个手写数字：黑色背景上的笔画、圆圈和拐角。',
    sourceDomain: 'MNIST 手写数字，类别 0–9',
  },
  fashion: {
    name: '服饰',
    description: '十类服装和鞋包：靠的是纹理和外形轮廓，而不是笔画。',
    sourceDomain: 'Fashion-MNIST 商品图像，10 个类别',
  },
  shapes: {
    name: '形状（随机颜色）',
    description: '五种随机颜色的合成形状：颜色不携带任何信息，所以特征编码的是形状。',
    sourceDomain: '合成形状（圆形、正方形、三角形、星形、十字），随机颜色，纯色背景',
  },
  'shapes-shortcut': {
    name: '形状（颜色捷径）',
    description: '同样的六种形状，但每个类别总有自己专属的颜色。网络只凭颜色就能完成任务——这是一条无法迁移的捷径。',
    sourceDomain: '颜色能完全预测类别的合成形状，纯色背景',
  },
  'shapes-background': {
    name: '形状（背景捷径）',
    description:
      '四种形状，每个类别总在自己专属的背景上：纯色、条纹、噪点或棋盘格。网络只凭背景就能说出类别，根本不必看形状——这是一条无法迁移的捷径。',
    sourceDomain: '背景图案能预测类别的合成形状',
  },
};

/** 内置目标数据集，按 presetId 索引。 */
export const targetsZh: Record<string, CatalogText> = {
  'digits-5-9': {
    name: '数字 5–9',
    description: '手写的 5、6、7、8、9——熟悉领域里的新类别。',
  },
  'digits-5-9-paper': {
    name: '纸上的数字 5–9',
    description: '同样的数字，但写成浅底深字，就像拍下来的手写照片——与在 MNIST 上训练的源模型见过的恰好相反。',
  },
  fashion: {
    name: 'Fashion-MNIST',
    description: '十类服装——与数字截然不同的领域。',
  },
  'shapes-gray': {
    name: '形状（灰度）',
    description: '六种完全没有颜色线索的形状：只能靠形状本身来区分。',
  },
  'shapes-gray-4': {
    name: '四种灰色形状',
    description: '灰色的圆形、正方形、三角形和十字，尺寸较大、几乎端正：从零训练很容易学会，但只有轮廓能把它们区分开。',
  },
  'shapes-any-background': {
    name: '四种形状，任意背景',
    description:
      '随机颜色的圆形、正方形、三角形和十字，每张图的背景都是随机选取的（纯色、条纹、噪点或棋盘格）：在这里，背景与形状毫无关系。',
  },
  'shapes-random': {
    name: '形状（随机颜色）',
    description: '六种随机颜色的形状，背景多种多样。',
  },
};

const v1 = (width: string): CatalogText => ({
  name: `MobileNet v1 ${width} (224)`,
  description: `ImageNet（1000 类日常照片），宽度乘数 ${width}。`,
});
const v2 = (width: string): CatalogText => ({
  name: `MobileNet v2 ${width} (224)`,
  description: `ImageNet，宽度乘数 ${width}；Teachable Machine 所用的主干网络。`,
});

/** 谷歌托管的 MobileNet，按 id 索引（名称是型号，保持原样）。 */
export const hostedZh: Record<string, CatalogText> = {
  'mobilenet-v1-0.25': v1('0.25'),
  'mobilenet-v1-0.50': v1('0.50'),
  'mobilenet-v1-1.0': v1('1.0'),
  'mobilenet-v2-0.35': v2('0.35'),
  'mobilenet-v2-1.00': v2('1.00'),
};

/** 打包数据集（public/datasets/index.json），按 id 索引。 */
export const datasetsZh: Record<string, CatalogText> = {
  mnist: {
    name: 'MNIST 数字',
    description: '手写数字 0–9，28×28 灰度图（共 10000 张）。',
  },
  fashion: {
    name: 'Fashion-MNIST',
    description: 'Zalando 商品图像，10 个类别，28×28 灰度图（每类取前 1500 张）。',
  },
};

/** 英文类别名 → 中文。数字类别（"0"–"9"）保持原样，不在此列。 */
export const classNamesZh: Record<string, string> = {
  // 合成形状（core/data/synthetic.ts 的 SHAPE_KINDS）。
  circle: '圆形',
  square: '正方形',
  triangle: '三角形',
  star: '星形',
  cross: '十字',
  hexagon: '六边形',
  // Fashion-MNIST。
  'T-shirt/top': 'T恤/上衣',
  Trouser: '裤子',
  Pullover: '套头衫',
  Dress: '连衣裙',
  Coat: '外套',
  Sandal: '凉鞋',
  Shirt: '衬衫',
  Sneaker: '运动鞋',
  Bag: '包',
  'Ankle boot': '短靴',
};

/** 类别名的中文显示：有译名就用译名，否则（数字、用户自己的类别）原样返回。 */
export const classNameZh = (name: string): string => classNamesZh[name] ?? name;
