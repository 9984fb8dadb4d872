/**
 * Getting a model's files onto the device: download (with byte progress) through Cache Storage, so
 * a second visit works offline, or read the files a user chose or dropped. Runs on the page:
 * network, caches and File objects live here; the worker receives the bytes (transferred).
 */
import type { io } from '@tensorflow/tfjs';
import { describeFetchFailure, manifestBytes, type ModelFiles } from '../../core/models/external';

type WeightsManifestConfig = io.WeightsManifestConfig;

/** Bump when the cached layout changes; old caches are simply never read again. */
const CACHE_NAME = 'transfer-lab-models-v1';

export interface ByteProgress {
  done: number;
  /** 0 until model.json says how big the weights are. */
  total: number;
}

const cacheStorage = (): CacheStorage | null => (typeof caches !== 'undefined' ? caches : null);

async function openCache(): Promise<Cache | null> {
  try {
    return (await cacheStorage()?.open(CACHE_NAME)) ?? null;
  } catch {
    return null; // private windows and some embedded browsers refuse Cache Storage: just don't cache
  }
}

/** True when model.json and every weight file of `url` are in the cache. */
export async function isCached(url: string): Promise<boolean> {
  const cache = await openCache();
  if (!cache) return false;
  const json = await cache.match(url);
  if (!json) return false;
  try {
    const manifest = (await json.json()).weightsManifest as { paths: string[] }[];
    const hits = await Promise.all(manifest.flatMap((g) => g.paths).map((p) => cache.match(new URL(p, url).href)));
    return hits.every(Boolean);
  } catch {
    return false;
  }
}

/** Fetch with a body reader, reporting bytes as they arrive; throws "HTTP nnn" on a bad status. */
async function fetchBytes(url: string, onBytes: (n: number) => void): Promise<ArrayBuffer> {
  const res = await fetch(url, { mode: 'cors', credentials: 'omit' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  if (!res.body) {
    const b = await res.arrayBuffer();
    onBytes(b.byteLength);
    return b;
  }
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.byteLength;
    onBytes(value.byteLength);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out.buffer;
}

/**
 * model.json and its weight files from `url`, cache first. Files are cached only after all of
 * them arrived, so a half-finished download never poses as a cached model.
 */
export async function downloadModel(url: string, onProgress: (p: ByteProgress) => void): Promise<{ files: ModelFiles; fromCache: boolean }> {
  const cache = await openCache();
  const fail = (err: unknown): never => {
    throw new Error(describeFetchFailure(url, err, typeof navigator === 'undefined' || navigator.onLine));
  };
  const cachedText = cache && (await isCached(url)) ? await (await cache.match(url))!.text() : null;
  if (cachedText !== null) {
    const manifest = JSON.parse(cachedText).weightsManifest as { paths: string[] }[];
    const weights: Record<string, ArrayBuffer> = {};
    for (const p of manifest.flatMap((g) => g.paths)) weights[p] = await (await cache!.match(new URL(p, url).href))!.arrayBuffer();
    const total = Object.values(weights).reduce((n, b) => n + b.byteLength, 0);
    onProgress({ done: total, total });
    return { files: { modelJson: cachedText, weights }, fromCache: true };
  }

  let modelJson: string;
  try {
    modelJson = new TextDecoder().decode(await fetchBytes(url, () => {}));
  } catch (err) {
    return fail(err);
  }
  let manifest: WeightsManifestConfig;
  try {
    manifest = JSON.parse(modelJson).weightsManifest;
    if (!Array.isArray(manifest)) throw new Error('no weightsManifest');
  } catch {
    throw new Error(`${url} is not a TF.js model.json (it is not JSON with a weightsManifest). Check the address.`);
  }
  const total = manifestBytes(manifest);
  let done = 0;
  onProgress({ done, total });
  const weights: Record<string, ArrayBuffer> = {};
  const paths = manifest.flatMap((g) => g.paths);
  try {
    // A few at a time: MobileNet v1 has 55 small shards; one by one would be latency-bound.
    for (let i = 0; i < paths.length; i += 6) {
      await Promise.all(
        paths.slice(i, i + 6).map(async (p) => {
          weights[p] = await fetchBytes(new URL(p, url).href, (n) => onProgress({ done: (done += n), total }));
        }),
      );
    }
  } catch (err) {
    return fail(err);
  }
  if (cache) {
    try {
      await Promise.all(paths.map((p) => cache.put(new URL(p, url).href, new Response(weights[p]))));
      await cache.put(url, new Response(modelJson, { headers: { 'content-type': 'application/json' } }));
    } catch {
      /* quota exceeded: the model still works, it just will not be there offline */
    }
  }
  return { files: { modelJson, weights }, fromCache: false };
}

/**
 * The files a user chose or dropped: exactly one model.json plus weight files. Other files are
 * passed along so the validator can name them as extras.
 */
export async function readLocalModel(files: readonly File[]): Promise<ModelFiles> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length === 0) throw new Error('No model.json among the chosen files: choose model.json together with its weight files (.bin).');
  if (jsons.length > 1) throw new Error(`Several JSON files were chosen (${jsons.map((f) => f.name).join(', ')}): choose one model.json and its weight files.`);
  const weights: Record<string, ArrayBuffer> = {};
  for (const f of files) if (f !== jsons[0]) weights[f.name] = await f.arrayBuffer();
  return { modelJson: await jsons[0].text(), weights };
}
