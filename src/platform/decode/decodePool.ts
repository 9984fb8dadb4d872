import * as Comlink from 'comlink';
import type { DecodeWorkerApi } from '../../workers/decode/decode.worker';
import { MAX_FILE_BYTES } from './checkImage';
import { decodeFile, type DecodeResult } from './decodeImages';

/**
 * Uploads decoded in a small pool of workers, so that a thousand photos arriving never hold the
 * page's thread (decoding, cropping and resizing a 12-megapixel photo takes tens of ms). Where
 * workers cannot decode (no OffscreenCanvas in workers), the page decodes them itself, as before.
 */
export type Decode = (file: File, side: number, displayName: string, largeSide: number | null) => Promise<DecodeResult>;

/**
 * Workers in the pool: one more than the cores, at most four. Each spends part of every image
 * waiting on asynchronous steps (the decode, the thumbnail, the hash), so one per core leaves
 * cores idle: on 2 cores, 3 workers decode ~1.4× faster than 2.
 */
export const poolSize = () => Math.min(4, ((typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2) + 1);

/** How long the workers may take to start before the page decodes the uploads itself. */
const READY_TIMEOUT_MS = 10_000;

let pool: Promise<Comlink.Remote<DecodeWorkerApi>[] | null> | null = null;
let next = 0;

function startPool(): Promise<Comlink.Remote<DecodeWorkerApi>[] | null> {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return Promise.resolve(null);
  return (async () => {
    try {
      const workers = Array.from({ length: poolSize() }, () =>
        Comlink.wrap<DecodeWorkerApi>(new Worker(new URL('../../workers/decode/decode.worker.ts', import.meta.url), { type: 'module' })),
      );
      // Every worker must answer, and soon: one that failed to load would never reply, and its
      // share of the files would wait for ever. Without all of them, the page decodes.
      const answers = Promise.all(workers.map((w) => w.ready())).then((ok) => ok.every(Boolean));
      const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), READY_TIMEOUT_MS));
      return (await Promise.race([answers, late])) ? workers : null;
    } catch {
      return null;
    }
  })();
}

/** Decodes on the next worker of the pool (round robin), or on the page where there is none. */
export const decodeInPool: Decode = async (file, side, displayName, largeSide) => {
  pool ??= startPool();
  const workers = await pool;
  if (!workers) return decodeFile(file, side, displayName, largeSide);
  // Oversized files get their message from the page's path without being read whole.
  if (file.size > MAX_FILE_BYTES) return decodeFile(file, side, displayName, largeSide);
  // The bytes are read here and moved to the worker: a File from a folder drop does not always
  // stay readable once cloned into another thread. A file that cannot be read gets its message below.
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    return decodeFile(file, side, displayName, largeSide);
  }
  const worker = workers[next++ % workers.length]!;
  try {
    // (Its thumbnail comes as a data URL: nothing for the page to make, or to revoke.)
    return await worker.decode(Comlink.transfer(bytes, [bytes]), side, displayName, largeSide);
  } catch {
    // The worker failed (not the file: decoding reports bad files as results): the page decodes it.
    return decodeFile(file, side, displayName, largeSide);
  }
};

/**
 * How many decodes the upload keeps in flight: four per worker, since a worker's decodes overlap
 * (ImageDecoder works off its thread) while the page reads the next files. On 2 cores, 200 photos
 * of 320×240: 4 per worker decode 1.2× faster than 2; 8 gain little more and hold more memory.
 */
export const decodeConcurrency = () => 4 * poolSize();
