import type { messagesEn } from './messages.en';

/** 运行名称里各补救方法的简称（core/remedies；面板自己的标签在 zh.ts）。 */
const REMEDY_NAMES_ZH: Record<string, string> = {
  labelSmoothing: '标签平滑',
  gce: 'GCE',
  smallLoss: '小损失样本选择',
  classBalanced: '类别平衡权重',
  resample: '重采样',
  logitAdjust: 'logit 调整',
};

export const messagesZh: typeof messagesEn = {
  export: {
    graphSource: (source: string) =>
      `${source} 是图模型：它是一段不透明的程序，而不是脚本能在 PyTorch 中重建的层。请使用层模型（或模型库、MobileNet 源模型）。`,
    featureModelSource: (source: string) => `${source} 是 Teachable Machine 导出的模型（整个模型装在它的第一层里），脚本无法重建。`,
    nestedModel: (layer: string) => `层“${layer}”本身就是一个模型；脚本只能重建普通的层。`,
    unsupportedLayer: (layer: string, type: string) => `层“${layer}”是 ${type}，PyTorch 脚本没有实现这种层。`,
    unsupportedLayerOption: (layer: string, type: string, option: string, value: string) =>
      `层“${layer}”（${type}）使用了 ${option} = ${value}，PyTorch 脚本没有实现这个选项。`,
    sharedLayer: (layer: string) => `层“${layer}”被使用了不止一次；脚本中每一层只能重建一次。`,
    multipleInputsOrOutputs: (inputs: number, outputs: number) =>
      `这个模型有 ${inputs} 个输入和 ${outputs} 个输出；脚本需要一个图像输入和一个输出。`,
    noImageInput: '这个模型没有图像输入（[高, 宽, 1 或 3]）。',
    remedy: (remedy: string) => `导出的项目还没有实现“${REMEDY_NAMES_ZH[remedy] ?? remedy}”：请在“补救方法”中关闭它后再导出这个实验。`,
    sourceNotLoaded: (source: string) => `${source} 还没有在本页面中加载：请先在源模型面板里加载它。`,
    tooLarge: (megabytes: number, limit: number) => `图像共有 ${megabytes} MB，超过了浏览器能在内存中打包的 ${limit} MB。`,
    note: {
      biasViaData: '数据偏差的设置通过导出实验室实际训练用的图像来复现（已按上限截取、做了类别不平衡并翻转了部分标签）。',
      shiftViaData: (kind: string, severity: number) => `偏移测试集（${kind}，强度 ${severity}）以图像形式导出。`,
      preprocessViaData: '预处理（反色、归一化）已经应用在导出的图像上。',
      blendNotTrained: '融合集没有导出，与实验室一致：模型融合不在脚本之内。',
      noiseStream: '高斯噪声使用 TF.js 自己的随机数序列（已移植到 Python；在大图像上较慢，--noise torch 更快但噪声不同）。',
      uploadsIncluded: '你上传的图像包含在项目中：只分享给可以看到这些图像的人。',
    },
  },
  detail: (text: string) => text,
  engineRestarted: '训练引擎已重启',
  engineLostWork: '训练引擎停止后已重启，它所持有的内容（这里需要的已训练模型）随之丢失：请重新训练，然后再试一次',
  pageClosed: '训练进行中页面被关闭或刷新',
  invalidSources: (detail: string) => `源模型列表无效：${detail}`,
  invalidConfig: (where: string) => `实验配置无效，位置：${where}`,
  badModelUrl: (url: string) =>
    `“${url}”不是实验室可以加载的模型地址：地址应以 https:// 开头（只有 localhost 可以用 http://），并以 model.json 结尾。`,
  storedImagesUnreadable: '保存的图像无法读回',
  boardUnreadable: '保存的班级看板无法读回',
  olderTab: '另一个标签页打开了旧版本的实验室',
  verdict: {
    singleTransfer: (points: number) => `只有一个种子：迁移比从零训练高 ${points.toFixed(1)} 个百分点；多跑几个种子才能得到置信区间。`,
    singleScratch: (points: number) => `只有一个种子：从零训练比迁移高 ${points.toFixed(1)} 个百分点；多跑几个种子才能得到置信区间。`,
    positive: (mean: number, lo: number, hi: number, seeds: number) =>
      `正迁移：在 ${seeds} 个种子上，迁移比从零训练高 ${mean.toFixed(1)} 个百分点（95% 置信区间 ${lo.toFixed(1)} 至 ${hi.toFixed(1)}）。`,
    negative: (mean: number, lo: number, hi: number, seeds: number) =>
      `负迁移：在 ${seeds} 个种子上，从零训练比迁移高 ${mean.toFixed(1)} 个百分点（95% 置信区间 ${lo.toFixed(1)} 至 ${hi.toFixed(1)}）。`,
    unclear: (mean: number, lo: number, hi: number, seeds: number) =>
      `没有明显差别：在 ${seeds} 个种子上，迁移减从零训练为 ${mean.toFixed(1)} 个百分点（95% 置信区间 ${lo.toFixed(1)} 至 ${hi.toFixed(1)}）。`,
  },
  backend: {
    webglLostTwice:
      'WebGL 上下文在短时间内丢失了两次，引擎已停用 WebGL：模型改在 CPU 上训练（能用 WebAssembly 的地方用 WebAssembly），比 GPU 慢。刷新页面可以重新尝试 WebGL。',
    noWebgl: '这个浏览器不支持 WebGL：模型在 CPU 上训练（能用 WebAssembly 的地方用 WebAssembly），比 GPU 慢。',
    webglHung:
      '创建 WebGL 上下文时训练引擎停止了响应，因此已在不使用 WebGL 的情况下重新启动：模型在 CPU 上训练（能用 WebAssembly 的地方用 WebAssembly），比 GPU 慢。刷新页面可以重新尝试 WebGL。',
  },
  run: {
    transfer: '迁移',
    transferFrom: (source: string) => `迁移 · ${source}`,
    transferWith: (remedy: string) => `迁移 + ${REMEDY_NAMES_ZH[remedy] ?? remedy}`,
    remedy: {
      labelSmoothing: (epsilon: number) => `标签平滑 ε = ${epsilon}`,
      gce: (q: number) => `广义交叉熵 q = ${q}`,
      smallLoss: (rate: number) => `小损失样本选择，每个批次最多舍弃 ${Math.round(rate * 100)}%`,
      classBalanced: (beta: number) => `类别平衡损失权重 β = ${beta}`,
      resample: () => '类别平衡重采样',
      logitAdjust: (tau: number) => `事后 logit 调整 τ = ${tau}`,
    },
    scratch: '从零训练',
    scratchTwin: '相同的架构和分类头，随机初始化，所有层都参与训练',
    smallCnn: '内置的 32×32 小型卷积网络，随机初始化（在浏览器里从零训练 224 尺寸的 MobileNet 太慢）',
    scratchReused: '已复用：本次会话中已训练过一个完全相同的基线（相同的图像、划分、种子、预算和数据增强）',
    probe: (source: string) => `在 ${source} 上做线性探测：冻结主干网络，只训练分类头`,
    probeGraph: (source: string) => `在 ${source} 上做线性探测（图模型：冻结的特征提取器），只训练分类头`,
    probeInner: (source: string) => `在 ${source} 上做线性探测（其内部特征模型：冻结的特征提取器），只训练分类头`,
    fineTune: (k: number, blocks: number, source: string) => `微调 ${source} 共 ${blocks} 个模块中最上面的 ${k} 个`,
    full: (source: string, multiplier: number) => `全量微调 ${source}${multiplier === 1 ? '' : `，主干网络学习率 ×${multiplier}`}`,
    l2sp: (alpha: number) => `L2-SP α = ${alpha}`,
    lwf: (lambda: number, temperature: number) => `LwF λ = ${lambda}，T = ${temperature}`,
    reembed: '每个批次重新计算嵌入（数据增强已开启）',
    diverged: '损失变成了 NaN 或无穷大，这次训练已停止。请试试更小的学习率。',
  },
  plan: {
    noSource: '一个实验至少需要一个源模型。',
    tooManyRuns: (max: number, total: number) => `一个实验最多包含 ${max} 次训练，这个实验计划了 ${total} 次。`,
  },
};
