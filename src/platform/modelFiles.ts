/**
 * Getting a model's files onto the device: download (with byte progress, a size cap from the
 * manifest, a stall timeout and a Cancel) with Cache Storage behind it, so a second visit works
 * offline, or read the files a user chose or dropped. Runs on the page: network, caches and File
 * objects live here; the worker receives the bytes (transferred) and validates them again.
 */
import { describeFetchFailure, type ModelFiles } from '../core/models/external';
import { MAX_MODEL_JSON_BYTES, MAX_WEIGHT_BYTES, ManifestError, groupBytes, parseModelJson, type ModelJson } from '../core/models/manifest';
import { parseTeachableMetadata, type TeachableMetadata } from '../core/models/teachable';
import { CodedError, coded, messageOf, msg, type Msg } from '../core/messages';
import type { ZipLimits } from '../core/bundle/zipSafety';
import { zipJobs } from './zip/zipThread';

/** Bump when the cached layout changes; old caches are simply never read again. */
const CACHE_NAME = 'transfer-lab-models-v2';
/** Headers on a cached model.json: where its shards were resolved, and what they weigh. */
const BASE_HEADER = 'x-transfer-lab-base';
const BYTES_HEADER = 'x-transfer-lab-bytes';
/** A download that receives nothing for this long has stalled (a server that never answers). */
export const STALL_MS = 6000;

export interface ByteProgress {
  done: number;
  /** 0 until model.json says how big the weights are. */
  total: number;
}

/** Thrown when the user pressed Cancel; the caller shows no error for it. */
export class DownloadCancelled extends Error {
  constructor() {
    super('Download cancelled.');
  }
}

/** A server that accepted the request and then sent nothing for STALL_MS. */
class DownloadStalled extends CodedError {
  constructor(url: string) {
    super(msg('err.download.stalled', url, STALL_MS / 1000));
  }
}

const cacheStorage = (): CacheStorage | null => (typeof caches !== 'undefined' ? caches : null);

async function openCache(): Promise<Cache | null> {
  try {
    return (await cacheStorage()?.open(CACHE_NAME)) ?? null;
  } catch {
    return null; // private windows and some embedded browsers refuse Cache Storage: just don't cache
  }
}

const shardPaths = (json: ModelJson) => json.weightsManifest.flatMap((g) => g.paths);

/** A cached model.json, re-validated: a stored record is outside data like any other. */
async function cachedEntry(cache: Cache, url: string): Promise<{ text: string; json: ModelJson; base: string } | null> {
  const res = await cache.match(url);
  if (!res) return null;
  try {
    const text = await res.text();
    return { text, json: parseModelJson(text), base: res.headers.get(BASE_HEADER) ?? url };
  } catch {
    return null;
  }
}

/** True when model.json and every weight file of `url` are in the cache. */
export async function isCached(url: string): Promise<boolean> {
  const cache = await openCache();
  const entry = cache && (await cachedEntry(cache, url));
  if (!cache || !entry) return false;
  const hits = await Promise.all(shardPaths(entry.json).map((p) => cache.match(new URL(p, entry.base).href)));
  return hits.every(Boolean);
}

export interface CachedModel {
  url: string;
  bytes: number;
}

/** Every model in the cache, with what it weighs: the source panel lists them for removal. */
export async function listCachedModels(): Promise<CachedModel[]> {
  const cache = await openCache();
  if (!cache) return [];
  const out: CachedModel[] = [];
  for (const req of await cache.keys()) {
    const res = await cache.match(req);
    if (res?.headers.has(BYTES_HEADER)) out.push({ url: req.url, bytes: Number(res.headers.get(BYTES_HEADER)) || 0 });
  }
  return out;
}

/** Removes a model.json and its weight files from the cache. */
export async function removeCachedModel(url: string): Promise<void> {
  const cache = await openCache();
  const entry = cache && (await cachedEntry(cache, url));
  if (!cache) return;
  if (entry) await Promise.all(shardPaths(entry.json).map((p) => cache.delete(new URL(p, entry.base).href)));
  await cache.delete(url);
}

/**
 * Fetch with a body reader: progress per chunk, a byte cap, a stall timeout, cancellation.
 * Throws "HTTP nnn" on a bad status (describeFetchFailure words it). `file` is the weight file
 * fetched, or null for model.json. Returns the bytes and the final URL (after redirects).
 */
async function fetchBytes(
  url: string,
  opts: { cap: number; signal: AbortSignal; onBytes: (n: number) => void; file: string | null; rejectHtml: boolean },
): Promise<{ bytes: ArrayBuffer; finalUrl: string }> {
  const stall = new AbortController();
  let timer = setTimeout(() => stall.abort(), STALL_MS);
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(), STALL_MS);
  };
  const signal = AbortSignal.any([opts.signal, stall.signal]);
  const stalled = () => new DownloadStalled(url);
  try {
    let res: Response;
    try {
      res = await fetch(url, { mode: 'cors', credentials: 'omit', signal });
    } catch (err) {
      if (opts.signal.aborted) throw new DownloadCancelled();
      if (stall.signal.aborted) throw stalled();
      throw err;
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    if (opts.rejectHtml && /text\/html/i.test(res.headers.get('content-type') ?? '')) {
      throw new ManifestError(msg('err.download.webPage', url, opts.file));
    }
    if (!res.body) {
      const bytes = await res.arrayBuffer();
      if (bytes.byteLength > opts.cap) throw new ManifestError(msg('err.download.overCap', url, opts.cap, opts.file));
      opts.onBytes(bytes.byteLength);
      return { bytes, finalUrl: res.url || url };
    }
    const reader = res.body.getReader();
    const parts: Uint8Array[] = [];
    let n = 0;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (opts.signal.aborted) throw new DownloadCancelled();
        if (stall.signal.aborted) throw stalled();
        throw err;
      }
      if (chunk.done) break;
      poke();
      n += chunk.value.byteLength;
      if (n > opts.cap) {
        void reader.cancel();
        throw new ManifestError(msg('err.download.overCapStopped', url, opts.cap, opts.file));
      }
      parts.push(chunk.value);
      opts.onBytes(chunk.value.byteLength);
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.byteLength;
    }
    return { bytes: out.buffer, finalUrl: res.url || url };
  } finally {
    clearTimeout(timer);
  }
}

export interface Download {
  files: ModelFiles;
  fromCache: boolean;
  /**
   * Puts the files into Cache Storage. Call it only once the engine has validated them, so a bad
   * shard is never replayed from the cache. Resolves to why caching failed, or null.
   */
  save(): Promise<Msg | null>;
}

/** model.json and its weight files from `url`, cache first. */
export async function downloadModel(url: string, onProgress: (p: ByteProgress) => void, signal: AbortSignal): Promise<Download> {
  const cache = await openCache();
  const fail = (err: unknown): never => {
    if (err instanceof DownloadCancelled || err instanceof ManifestError || err instanceof DownloadStalled) throw err;
    throw new CodedError(describeFetchFailure(url, err, typeof navigator === 'undefined' || navigator.onLine));
  };
  const hit = cache && (await isCached(url)) ? await cachedEntry(cache, url) : null;
  if (cache && hit) {
    const weights: Record<string, ArrayBuffer> = {};
    for (const p of shardPaths(hit.json)) weights[p] = await (await cache.match(new URL(p, hit.base).href))!.arrayBuffer();
    const total = Object.values(weights).reduce((n, b) => n + b.byteLength, 0);
    onProgress({ done: total, total });
    return { files: { modelJson: hit.text, weights }, fromCache: true, save: async () => null };
  }

  let modelJson: string;
  let base: string;
  try {
    const got = await fetchBytes(url, { cap: MAX_MODEL_JSON_BYTES, signal, onBytes: () => {}, file: null, rejectHtml: false });
    modelJson = new TextDecoder().decode(got.bytes);
    base = got.finalUrl;
  } catch (err) {
    return fail(err);
  }
  let json: ModelJson;
  try {
    json = parseModelJson(modelJson);
  } catch (err) {
    throw new ManifestError(msg('err.download.notModelJson', url, messageOf(err)), { cause: err });
  }
  const groups = json.weightsManifest.map(groupBytes);
  const total = groups.reduce((n, g) => n + g.bytes, 0);
  // With string weights the manifest gives a lower bound; their text may take up to 16× more.
  const cap = groups.reduce((n, g) => n + (g.exact ? g.bytes : g.bytes * 16), 0);
  let done = 0;
  onProgress({ done, total });
  const weights: Record<string, ArrayBuffer> = {};
  const paths = shardPaths(json);
  try {
    // A few at a time: MobileNet v1 has 55 small shards; one by one would be latency-bound.
    for (let i = 0; i < paths.length; i += 6) {
      await Promise.all(
        paths.slice(i, i + 6).map(async (p) => {
          const got = await fetchBytes(new URL(p, base).href, {
            cap: cap - done,
            signal,
            onBytes: (n) => onProgress({ done: (done += n), total }),
            file: p,
            rejectHtml: true,
          });
          weights[p] = got.bytes;
        }),
      );
    }
  } catch (err) {
    return fail(err);
  }
  const save = async () => {
    if (!cache) return msg('err.noCacheStorage');
    try {
      await Promise.all(paths.map((p) => cache.put(new URL(p, base).href, new Response(weights[p]))));
      const bytes = paths.reduce((n, p) => n + weights[p].byteLength, 0);
      await cache.put(
        url,
        new Response(modelJson, { headers: { 'content-type': 'application/json', [BASE_HEADER]: base, [BYTES_HEADER]: String(bytes) } }),
      );
      return null;
    } catch (err) {
      await removeCachedModel(url).catch(() => {});
      return messageOf(err);
    }
  };
  return { files: { modelJson, weights }, fromCache: false, save };
}

/** The files inside a model zip, flattened to their names (model.json, weights.bin, metadata.json). */
async function unzipModel(zip: File): Promise<File[]> {
  if (zip.size > MODEL_ZIP_LIMITS.maxTotalBytes) throw coded('err.local.zipTooLarge');
  // Read and inflated in the zip worker (the file goes by reference): a MobileNet's weights take the page's thread too long.
  const opened = await (await zipJobs()).read(zip, MODEL_ZIP_LIMITS);
  if (!opened.ok) throw coded(opened.code === 'not-a-zip' ? 'err.local.notAZip' : 'err.local.zipTooLarge');
  const tooLarge = opened.skipped.find((s) => s.reason === 'too-large');
  if (tooLarge) throw coded('err.local.zipTooLarge');
  // Archivers' own files (macOS Finder's __MACOSX/ and ._ twins) are not part of the model.
  return opened.files.filter((f) => !/(^|\/)(__MACOSX\/|\._)/.test(f.path)).map((f) => f.file);
}
/** A model the lab loads fits: its weights (MAX_WEIGHT_BYTES), a model.json and a metadata.json. */
const MODEL_ZIP_LIMITS: ZipLimits = { maxEntries: 200, maxTotalBytes: MAX_WEIGHT_BYTES + 16 * 2 ** 20, maxEntryBytes: MAX_WEIGHT_BYTES };

/**
 * The files a user chose or dropped: one model.json plus weight files, and optionally a
 * Teachable Machine metadata.json (its class labels). Other files are passed along so the
 * validator can name them as extras.
 */
export async function readLocalModel(files: readonly File[]): Promise<{ files: ModelFiles; metadata: TeachableMetadata | null }> {
  // A zip (as the lab exports trained models) is opened here, with the bundle's safety limits; its files are read as if chosen one by one.
  if (files.length === 1 && /\.zip$/i.test(files[0].name)) files = await unzipModel(files[0]);
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const meta = jsons.filter((f) => f.name.toLowerCase() === 'metadata.json');
  const models = jsons.filter((f) => !meta.includes(f));
  if (models.length === 0) throw coded('err.local.noModelJson');
  if (models.length > 1)
    throw coded(
      'err.local.severalJson',
      models.map((f) => f.name),
    );
  if (meta.length > 1) throw coded('err.local.severalMetadata');
  const metadata = meta.length ? parseTeachableMetadata(await meta[0].text()) : null;
  const weights: Record<string, ArrayBuffer> = {};
  for (const f of files) if (!jsons.includes(f)) weights[f.name] = await f.arrayBuffer();
  return { files: { modelJson: await models[0].text(), weights }, metadata };
}
