import type { StoreApi } from 'zustand';
import type { ModelFiles } from '../core/models/external';
import { Comlink, getEngine } from '../platform/engine/engineClient';
import { DownloadCancelled, downloadModel, type Download } from '../platform/modelFiles';
import { labBusy, TRAINING } from './busy';
import { messageOf, msg } from '../core/messages';
import type { ExternalSource, SourceState } from './sourceTypes';

export type SetSources = StoreApi<SourceState>['setState'];
export type GetSources = StoreApi<SourceState>['getState'];

const EMPTY: ExternalSource = {
  status: 'idle',
  progress: { done: 0, total: 0 },
  error: null,
  fromCache: false,
  cacheError: null,
  loaded: null,
};
/** A new attempt: progress and error reset, the loaded model kept. */
export const attempt = (status: ExternalSource['status']) => ({
  status,
  progress: { done: 0, total: 0 },
  error: null,
  fromCache: false,
  cacheError: null,
});
const transferables = (files: ModelFiles) => Object.values(files.weights);

/** Changing the source under a running experiment or study would train on a model it did not plan. */
export const training = () => labBusy(TRAINING);
export const BUSY = msg('ui.source.busy');

/** The steps every load is made of (download, validate, cache), keyed like the engine's registry. */
export function createLoadSteps(set: SetSources, get: GetSources) {
  const patch = (key: string, p: Partial<ExternalSource>) =>
    set((s) => ({ sources: { ...s.sources, [key]: { ...(s.sources[key] ?? EMPTY), ...p } } }));

  /**
   * Every load gets a number; only the last *requested* one may change the slot, however the
   * downloads and validations of earlier ones finish.
   */
  let attempts = 0;
  const latest = new Map<string, number>();
  const aborts = new Map<string, AbortController>();
  const begin = (key: string) => {
    const n = ++attempts;
    latest.set(key, n);
    aborts.get(key)?.abort();
    const abort = new AbortController();
    aborts.set(key, abort);
    return { n, signal: abort.signal, current: () => latest.get(key) === n };
  };

  /**
   * Files → engine validation → ready. Returns whether the model can be used. Downloads are sent
   * as copies (`keep`): the page still needs their bytes to cache them once they are validated.
   */
  const register = async (
    key: string,
    name: string,
    files: ModelFiles,
    range: 'unit' | 'symmetric',
    familyDefault: string | null,
    labels: string[] | null,
    n: number,
    keep = false,
  ) => {
    patch(key, { status: 'checking' });
    try {
      const info = await getEngine().registerModel(
        key,
        keep ? files : Comlink.transfer(files, transferables(files)),
        range,
        familyDefault,
        labels,
        n,
      );
      if (latest.get(key) !== n) return false;
      patch(key, { status: 'ready', loaded: { info, name }, error: null });
      return true;
    } catch (err) {
      if (latest.get(key) === n) patch(key, { status: 'error', error: messageOf(err) });
      return false;
    }
  };

  /** After validation only: a bad shard never enters the cache, so it is never replayed. */
  const saveToCache = async (key: string, got: Download) => {
    const failure = await got.save();
    patch(key, { cacheError: failure });
    await get().checkCached();
  };

  const download = async (key: string, url: string, run: ReturnType<typeof begin>): Promise<Download | null> => {
    patch(key, attempt('downloading'));
    try {
      const got = await downloadModel(url, (progress) => run.current() && patch(key, { progress }), run.signal);
      if (!run.current()) return null;
      patch(key, { fromCache: got.fromCache });
      return got;
    } catch (err) {
      if (run.current())
        patch(
          key,
          err instanceof DownloadCancelled
            ? { status: get().sources[key]?.loaded ? 'ready' : 'idle' }
            : { status: 'error', error: messageOf(err) },
        );
      return null;
    }
  };

  /** Stops the download in flight for `key`. */
  const cancel = (key: string) => aborts.get(key)?.abort();

  return { patch, begin, register, saveToCache, download, cancel };
}

export type LoadSteps = ReturnType<typeof createLoadSteps>;
