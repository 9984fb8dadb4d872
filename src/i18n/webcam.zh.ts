import type { webcamEn } from './webcam.en';

/** 摄像头采集的用户可见文字（webcam.en.ts 的简体中文版，逐键对应）。 */
export const webcamZh: typeof webcamEn = {
  open: '摄像头',
  openLabel: (className: string) => `用摄像头为“${className}”采集图像`,
  title: (className: string) => `摄像头 → “${className}”`,
  starting: '正在启动摄像头…',
  preview: '摄像头实时预览（已镜像）',
  hold: '按住录制',
  recording: '正在录制…松开即停止',
  holdHint: '按住按钮（或空格键 / 回车键）采集画面；松开即停止。',
  captured: (n: number) => `已采集 ${n} 帧`,
  limitReached: (max: number) => `已达到 ${max} 帧上限，录制停止——松开后再次按住可继续采集`,
  close: '关闭摄像头',

  // 摄像头无法使用的原因，每条都说明该怎么办。
  insecure: '摄像头只能在安全页面（https:// 或 http://localhost）上使用——请通过这样的地址打开本应用，再使用摄像头',
  denied: '摄像头权限被拒绝——请在浏览器的网站设置中允许访问摄像头，然后重试',
  noCamera: '未找到摄像头——请连接摄像头后重试',
  inUse: '摄像头正被其他应用或标签页占用（或启动失败）——请关闭那个应用后重试',
  ended: '摄像头已停止（连接已断开，或被其他应用占用）——请关闭摄像头窗口后重试',
  other: (reason: string) => `无法启动摄像头（${reason}）`,
  otherUnknown: '无法启动摄像头，浏览器没有给出原因',
};
