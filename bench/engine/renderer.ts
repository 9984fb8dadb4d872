/**
 * The GPU the bench really ran on, as this page's WebGL reports it, so results.json names the
 * machine's renderer (a real GPU, or SwiftShader in software) instead of assuming one.
 */
export interface Renderer {
  /** The unmasked renderer string, else RENDERER; 'no WebGL' when no context could be made. */
  renderer: string;
  /** The unmasked vendor, else VENDOR; null without WebGL. */
  vendor: string | null;
}

export function webglRenderer(): Renderer {
  const canvas = document.createElement('canvas');
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | WebGL2RenderingContext | null;
  if (!gl) return { renderer: 'no WebGL', vendor: null };
  try {
    // Browsers that hide the extension (or deprecate it, as Firefox does) report the same text through RENDERER/VENDOR.
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null;
    const vendor = info ? gl.getParameter(info.UNMASKED_VENDOR_WEBGL) : null;
    return { renderer: String(renderer || gl.getParameter(gl.RENDERER)), vendor: String(vendor || gl.getParameter(gl.VENDOR)) };
  } finally {
    // Contexts are limited per page (16 in Chromium); this one is not needed again.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
