import { create } from 'zustand';
import { z } from 'zod';
import { ZooIndexSchema } from '../core/models/card';
import { DatasetIndexSchema } from '../core/data/packed';
import { DATA_CACHE } from '../core/offlineAssets';
import { parseOrThrow } from '../core/config/validation';
import { codeText, coded, messageOf, type Msg } from '../core/messages';

/**
 * "Make available offline": every built-in dataset and zoo model fetched into the cache the
 * service worker answers from, with the size known first and progress in bytes. The first visit
 * only precaches the app and the default experiment; this is the rest, on the user's say-so.
 */
interface OfflineState {
  status: 'idle' | 'sizing' | 'fetching' | 'done' | 'error';
  /** Bytes stored so far and in all (files already cached count as stored). */
  done: number;
  total: number;
  files: number;
  error: Msg | null;
  makeAvailable(): Promise<void>;
}

/** Only what the file list needs of a model.json: its weight files. */
const WeightFilesSchema = z.object({ weightsManifest: z.array(z.object({ paths: z.array(z.string().max(200)).max(100) })).max(100) });

const base = () => new URL(import.meta.env.BASE_URL, location.href);
const url = (path: string) => new URL(path, base()).href;

async function json(path: string): Promise<unknown> {
  const res = await fetch(url(path));
  if (!res.ok) throw coded('err.engine.loadFailed', path, res.status);
  return res.json();
}

/** Every file of every built-in dataset and zoo model, read from their indexes. */
export async function builtInFiles(): Promise<string[]> {
  const zoo = parseOrThrow(ZooIndexSchema, await json('models/index.json'), codeText('err.what.zooIndex'));
  const sets = parseOrThrow(DatasetIndexSchema, await json('datasets/index.json'), codeText('err.what.datasetIndex'));
  const files = ['models/index.json', 'datasets/index.json'];
  for (const m of zoo.models) {
    const dir = m.path.slice(0, m.path.lastIndexOf('/') + 1);
    const manifest = parseOrThrow(WeightFilesSchema, await json(m.path), codeText('err.what.zooIndex'));
    files.push(m.path, ...manifest.weightsManifest.flatMap((g) => g.paths.map((p) => dir + p)));
  }
  for (const d of sets.datasets) files.push(`datasets/${d.files.pixels}`, `datasets/${d.files.labels}`);
  return files;
}

/** Already stored, by the precache (whose URLs carry a revision) or by an earlier use. */
const cached = (path: string) => caches.match(url(path), { ignoreSearch: true }).then((r) => !!r);

async function sizeOf(path: string): Promise<number> {
  const res = await fetch(url(path), { method: 'HEAD' });
  return Number(res.headers.get('content-length') ?? 0);
}

export const useOfflineStore = create<OfflineState>()((set, get) => ({
  status: 'idle',
  done: 0,
  total: 0,
  files: 0,
  error: null,
  async makeAvailable() {
    if (get().status === 'sizing' || get().status === 'fetching') return;
    if (typeof caches === 'undefined') return set({ status: 'error', error: messageOf(coded('err.offline.noCache')) });
    set({ status: 'sizing', done: 0, total: 0, files: 0, error: null });
    try {
      const files = await builtInFiles();
      const sizes = await Promise.all(files.map(sizeOf));
      const stored = await Promise.all(files.map(cached));
      const total = sizes.reduce((a, b) => a + b, 0);
      let done = sizes.reduce((n, s, i) => n + (stored[i] ? s : 0), 0);
      set({ status: 'fetching', total, done, files: files.length });
      const cache = await caches.open(DATA_CACHE);
      for (const [i, path] of files.entries()) {
        if (stored[i]) continue;
        const res = await fetch(url(path));
        if (!res.ok) throw coded('err.engine.loadFailed', path, res.status);
        await cache.put(url(path), res);
        done += sizes[i];
        set({ done });
      }
      set({ status: 'done', done: total });
    } catch (err) {
      set({ status: 'error', error: messageOf(err) });
    }
  },
}));
