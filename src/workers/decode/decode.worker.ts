/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { decodeBytes, withThumbnailUrl, type DecodeResult } from '../../platform/decode/decodeImages';

/**
 * One upload decoder: a file's bytes → validated, centre-cropped, resized RGB and a BMP thumbnail, off the
 * page's thread. Pixel buffers are transferred back, not copied; the thumbnail goes back as a data URL
 * (thumbnails.ts says why), so the page has no URL to make for it.
 */
const api = {
  /** Whether this worker can decode at all (OffscreenCanvas with a 2D context). */
  ready: () => typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('2d') !== null,
  async decode(bytes: ArrayBuffer, side: number, displayName: string, largeSide: number | null): Promise<DecodeResult> {
    // The type is sniffed from the bytes, never taken from the file's name or its claimed type.
    const r = await decodeBytes(new Uint8Array(bytes), side, displayName, largeSide);
    if (!r.ok) return r;
    const buffers = [r.pixels.buffer, ...(r.pixelsLarge ? [r.pixelsLarge.buffer] : [])] as ArrayBuffer[];
    return Comlink.transfer(withThumbnailUrl(r), buffers);
  },
};
export type DecodeWorkerApi = typeof api;
Comlink.expose(api);
