import type { lectureEn } from './lecture.en';

export const lectureZh: typeof lectureEn = {
  enter: '课堂模式',
  enterTitle: '适合在教室投影的布局：大字号、图表铺满屏幕，用方向键逐步讲解',
  title: '课堂',
  leave: '退出（Esc）',
  lessonPick: '课程',
  lessonNone: '不选课程：直接展示实验室',
  lessons: {
    'three-challenges': '三大挑战：正迁移 → 颜色捷径 → 知识遗忘及其对策 → 模型融合',
    'data-bias': '数据偏差：颜色捷径 → 背景捷径 → 领域不匹配 → 领域差异',
    'choosing-sources': '选择源模型：正迁移 → 小样本学习 → 模型选择 → 模型融合',
  },
  customLesson: '链接中的课程',
  step: (n, total) => `第 ${n} 步，共 ${total} 步`,
  prev: '← 上一步',
  next: '下一步 →',
  run: '运行（空格）',
  pause: '暂停（空格）',
  resume: '继续（空格）',
  fullscreen: '全屏（F）',
  copyLink: '复制课程链接',
  copied: '链接已复制',
  keys: '→ 下一步 · ← 上一步 · 空格 运行／暂停 · F 全屏 · Esc 退出',
  badParam: (param, value) => `链接中的“${param}”（${value}）无法识别，已忽略。`,
  language: '语言',
  languageNames: { en: 'English', zh: '中文' },
};
