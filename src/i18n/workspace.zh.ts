import type { workspaceEn } from './workspace.en';

export const workspaceZh: typeof workspaceEn = {
  runBar: '运行',
  shortcut: 'Ctrl+Enter',
  shortcutTitle: '在任何位置开始、暂停或继续训练：Ctrl+Enter（Mac 上为 ⌘+Enter）',
  idle: '源模型加载完成后即可开始',
  ready: '准备就绪：按“训练”，并排观察迁移学习与从零训练的学习过程',
  running: '正在训练',
  paused: '已暂停',
  finished: '已完成：请查看结论和曲线',
  epochOf: (epoch, total) => `第 ${epoch} / ${total} 轮`,
  seedOf: (i, total) => `第 ${i} / ${total} 个种子`,
  steps: '设置步骤',
  stepNames: { presets: '预设', source: '源模型', target: '目标数据与偏差', augment: '数据增强', training: '训练设置' },
  views: '分析视图',
  viewNames: { inside: '深入观察', combine: '选择与融合', share: '分享与保存', explain: '术语解释' },
  viewHints: {
    inside: '已完成运行的特征空间、混淆矩阵、错例和显著图',
    combine: '训练前为源模型排序；通过投票、堆叠或模型汤融合保留的运行',
    share: '链接、二维码、数据包、已保存的实验和导出',
    explain: '各项指标和方法的含义',
  },
  closeView: '关闭视图',
  device: '本设备',
  deviceTitle: '本设备用于训练和计算嵌入的后端，以及隐私说明',
  start: {
    title: '从这里开始',
    steps: ['按“训练”，或选择一个预设', '观察两条曲线：迁移学习与从零训练', '阅读结论及其含义'],
    dismiss: '知道了',
  },
  showSettings: '显示设置',
  hideSettings: '隐藏设置',
};
