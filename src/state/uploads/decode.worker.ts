/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { decodeBytes, type DecodedImage } from './decodeImages';

/**
 * One upload decoder: a file's bytes → validated, centre-cropped, resized RGB and a JPEG thumbnail, off the
 * page's thread. Pixel buffers are transferred back, not copied.
 */
const api = {
  /** Whether this worker can decode at all (OffscreenCanvas with a 2D context). */
  ready: () => typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('2d') !== null,
  async decode(file: { bytes: ArrayBuffer; name: string; type: string }, side: number, displayName: string, largeSide: number | null): Promise<DecodedImage> {
    const r = await decodeBytes(new Uint8Array(file.bytes), side, displayName, largeSide);
    if (!r.ok) return r;
    const buffers = [r.pixels.buffer, ...(r.pixelsLarge ? [r.pixelsLarge.buffer] : [])] as ArrayBuffer[];
    return Comlink.transfer(r, buffers);
  },
};
export type DecodeWorkerApi = typeof api;
Comlink.expose(api);
