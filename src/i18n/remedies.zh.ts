import type { remediesEn } from './remedies.en';

/** 补救方法（core/remedies）的用户可见文字：训练面板里的开关和补救对比的结论（remedies.en.ts 的简体中文版，逐键对应）。 */
export const remediesZh: typeof remediesEn = {
  title: '补救方法',
  switchedOn: (n: number) => `已开启 ${n} 种`,
  hint: '修复数据偏差旋钮造成的问题。每种补救方法只作用于迁移运行；从零训练的对照保持不变。',
  noise: '标签噪声',
  imbalance: '类别不平衡',
  names: {
    labelSmoothing: '标签平滑',
    gce: '广义交叉熵（GCE）',
    smallLoss: '小损失样本选择',
    classBalanced: '类别平衡损失权重',
    resample: '类别平衡重采样',
    logitAdjust: 'logit 调整（事后）',
  },
  oneLine: {
    labelSmoothing: '以 (1 − ε)·标签 + ε/K 为目标，而不只是标签本身：错误的标签拉动得没那么强。',
    gce: '损失为 (1 − p^q)/q：q → 0 时是交叉熵，q = 1 时是平均绝对误差，错误的标签无法主导它。',
    smallLoss: '每个批次只用损失最小的样本（大多是干净标签）训练，随着训练推进舍弃得更多。',
    classBalanced: '按每个类别有效样本数的倒数给类别加权，让稀有类别也有分量。',
    resample: '抽取批次时每个类别的概率相同，稀有类别和常见类别被看到的次数一样多。',
    logitAdjust: '训练之后，选类别前先减去 τ·log(类别频率)：无需重新训练。',
  },
  params: {
    labelSmoothing: 'ε',
    gce: 'q',
    smallLoss: '最多舍弃比例（%）',
    classBalanced: 'β',
    logitAdjust: 'τ',
  },
  compare: '与普通迁移对比（每种补救方法一次运行，相同的划分、种子、批次和预算）',
  noNoise: '没有注入标签噪声：在“数据偏差”中打开一些，看看这些方法修复了什么。',
  noImbalance: '各类别是平衡的：在“数据偏差”中设置不平衡比例，看看这些方法修复了什么。',
  verdictTitle: '补救方法与普通迁移对比',
  verdicts: { helps: '有帮助', hurts: '有害', unclear: '效果不明显' },
  metricNames: { valAccuracy: '验证集准确率', balancedAccuracy: '平衡准确率' },
  helps: (remedy: string, metric: string, mean: number, lo: number, hi: number, seeds: number) =>
    `“${remedy}”在${metric}上比普通迁移高 ${mean.toFixed(1)} 个百分点（95% 置信区间 ${lo.toFixed(1)} 至 ${hi.toFixed(1)}，${seeds} 个种子）。`,
  hurts: (remedy: string, metric: string, mean: number, lo: number, hi: number, seeds: number) =>
    `“${remedy}”在${metric}上不如普通迁移：${mean.toFixed(1)} 个百分点（95% 置信区间 ${lo.toFixed(1)} 至 ${hi.toFixed(1)}，${seeds} 个种子）。`,
  unclear: (remedy: string, metric: string, mean: number, lo: number, hi: number, seeds: number) =>
    `“${remedy}”与普通迁移在${metric}上没有明显差别：${mean.toFixed(1)} 个百分点（95% 置信区间 ${lo.toFixed(1)} 至 ${hi.toFixed(1)}，${seeds} 个种子）。`,
  single: (remedy: string, metric: string, diff: number) =>
    `“${remedy}”减去普通迁移的${metric}：单个种子上 ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} 个百分点（运行多个种子才有置信区间）。`,
  selection: (precision: string, recall: string) => `保留的样本：${precision} 是干净的（精确率），干净样本中保留了 ${recall}（召回率）`,
  balanced: (value: string) => `平衡准确率 ${value}`,
};
