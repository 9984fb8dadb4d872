/** Upload thumbnails encoded as images: BMP from a decode, PNG from stored pixels and the legacy path. */
import { bug } from '../../core/messages';
import { makeCanvas, type Canvas } from './canvases';

/** Thumbnails show the same square crop as the model input, at a resolution people can see. */
export const THUMBNAIL_SIDE = 64;

/**
 * An uncompressed BMP (24-bit, top-down) of RGBA pixels. The upload thumbnails are small (64 px,
 * 12 KB), and writing one is a copy, where the browser's JPEG encoder spent 1.2 ms on each: a
 * quarter of a photo's whole decode.
 */
function bmpBytes(rgba: Uint8ClampedArray, side: number): Uint8Array<ArrayBuffer> {
  const row = Math.ceil((side * 3) / 4) * 4;
  const out = new Uint8Array(54 + row * side);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  view.setUint32(2, out.length, true);
  view.setUint32(10, 54, true); // pixel data offset
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, side, true);
  view.setInt32(22, -side, true); // negative height: rows top to bottom
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 24, true); // bits per pixel
  view.setUint32(34, row * side, true);
  for (let y = 0; y < side; y++) {
    for (let x = 0, i = y * side * 4, j = 54 + y * row; x < side; x++, i += 4, j += 3) {
      out[j] = rgba[i + 2]!;
      out[j + 1] = rgba[i + 1]!;
      out[j + 2] = rgba[i]!;
    }
  }
  return out;
}

export const bmpBlob = (rgba: Uint8ClampedArray, side: number): Blob => new Blob([bmpBytes(rgba, side)], { type: 'image/bmp' });

/**
 * The same BMP as a data URL, encoded where it is made (a decoding worker): the page then has no
 * URL to make — URL.createObjectURL is a synchronous call to the browser process, up to 40 ms a call
 * on 2 cores busy with a thousand photos — and none to revoke. (A Blob read back with FileReaderSync
 * cost the workers a quarter of their throughput.)
 */
export function bmpDataUrl(rgba: Uint8ClampedArray, side: number): string {
  const bytes = bmpBytes(rgba, side);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/bmp;base64,${btoa(binary)}`;
}

/** Stored RGB pixels drawn on a canvas of their size (for thumbnails and PNG files). */
export function rgbCanvas(rgb: Uint8Array, side: number): Canvas {
  const { canvas, ctx } = makeCanvas(side);
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
    rgba[j + 3] = 255;
  }
  ctx.putImageData(new ImageData(rgba, side, side), 0, 0);
  return canvas;
}

/** A thumbnail object URL for stored RGB pixels (images restored from storage have no file to decode). */
export const thumbnailFromPixels = (rgb: Uint8Array, side: number): Promise<string> => canvasToUrl(rgbCanvas(rgb, side));

const canvasToUrl = async (canvas: Canvas): Promise<string> => URL.createObjectURL(await canvasToPng(canvas));

export const canvasToPng = (canvas: Canvas): Promise<Blob> => canvasToBlob(canvas, 'image/png');

function canvasToBlob(canvas: Canvas, type: string, quality?: number): Promise<Blob> {
  return 'convertToBlob' in canvas
    ? canvas.convertToBlob({ type, quality })
    : new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(bug('image encoding failed'))), type, quality));
}
