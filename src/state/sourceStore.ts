import { create } from 'zustand';
import { displayName, ModelUrlSchema, type Source } from '../core/config/experiment';
import { HOSTED_MODELS, hostedModel } from '../core/models/hosted';
import type { ModelFiles } from '../core/models/external';
import type { ModelInfo } from '../core/models/source';
import { Comlink, getEngine, onEngineDeath, onEngineRestart } from './engineClient';
import { DownloadCancelled, downloadModel, isCached, listCachedModels, readLocalModel, removeCachedModel, type ByteProgress, type CachedModel, type Download } from './models/modelFiles';
import { useExperimentStore } from './experimentStore';
import { useRunStore } from './runStore';
import { useStudyStore } from './studyStore';
import { messageOf, msg, type Msg } from '../core/messages';

/**
 * External sources (hosted MobileNets, the user's own model): download or read the files, have
 * the engine validate them, then select the source. Keyed like the engine's registry: the hosted
 * id, or "custom" (one own model at a time).
 */
/** A URL path segment as text (a malformed escape stays as it was). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface ExternalSource {
  status: 'idle' | 'downloading' | 'checking' | 'ready' | 'error';
  progress: ByteProgress;
  /** Why the latest attempt failed. A failed attempt never unloads the model loaded before it. */
  error: Msg | null;
  fromCache: boolean;
  /** Set when the model works but could not be stored for offline use: the badge must not claim it. */
  cacheError: Msg | null;
  /** The model the engine holds under this key, if any: what training will use. */
  loaded: { info: ModelInfo; name: string } | null;
}

interface SourceState {
  sources: Record<string, ExternalSource>;
  /** Hosted models whose files are in Cache Storage (usable offline). */
  cached: Record<string, boolean>;
  /** Every model in Cache Storage, with its size, for the "stored on this device" list. */
  cacheList: CachedModel[];
  checkCached(): Promise<void>;
  removeCached(url: string): Promise<void>;
  /** Downloads (or reads from the cache), validates and, unless `select` is false, selects a hosted model. */
  loadHosted(id: string, options?: { select?: boolean }): Promise<void>;
  loadCustomUrl(url: string, options?: { select?: boolean }): Promise<void>;
  /** Loads (and, unless `select` is false, selects) a model from the user's files. */
  loadCustomFiles(files: readonly File[], options?: { select?: boolean }): Promise<void>;
  /** The files of the own model last loaded from disk (saved with the experiment; they never leave the device). */
  localFiles: readonly File[] | null;
  /** The source that selects the own model the engine holds (its name, and its address if it came from one), or null. */
  customSource: Extract<Source, { kind: 'custom' }> | null;
  /** Stops the download in flight for `key`; the model loaded before stays. */
  cancel(key: string): void;
}

const EMPTY: ExternalSource = { status: 'idle', progress: { done: 0, total: 0 }, error: null, fromCache: false, cacheError: null, loaded: null };
/** A new attempt: progress and error reset, the loaded model kept. */
const attempt = (status: ExternalSource['status']) => ({ status, progress: { done: 0, total: 0 }, error: null, fromCache: false, cacheError: null });
const message = messageOf;
const transferables = (files: ModelFiles) => Object.values(files.weights);

/** Changing the source under a running experiment or study would train on a model it did not plan. */
const training = () => {
  const phase = useRunStore.getState().phase;
  return phase === 'running' || phase === 'paused' || useStudyStore.getState().status === 'running';
};
const BUSY = msg('ui.source.busy');
const RELOAD = msg('ui.source.reloadAfterRestart');

export const useSourceStore = create<SourceState>()((set, get) => {
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
  const register = async (key: string, name: string, files: ModelFiles, range: 'unit' | 'symmetric', familyDefault: string | null, labels: string[] | null, n: number, keep = false) => {
    patch(key, { status: 'checking' });
    try {
      const info = await getEngine().registerModel(key, keep ? files : Comlink.transfer(files, transferables(files)), range, familyDefault, labels, n);
      if (latest.get(key) !== n) return false;
      patch(key, { status: 'ready', loaded: { info, name }, error: null });
      return true;
    } catch (err) {
      if (latest.get(key) === n) patch(key, { status: 'error', error: message(err) });
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
      if (run.current()) patch(key, err instanceof DownloadCancelled ? { status: get().sources[key]?.loaded ? 'ready' : 'idle' } : { status: 'error', error: message(err) });
      return null;
    }
  };

  return {
    sources: {},
    cached: {},
    cacheList: [],
    localFiles: null,
    customSource: null,
    async checkCached() {
      const entries = await Promise.all(HOSTED_MODELS.map(async (m) => [m.id, await isCached(m.url)] as const));
      set({ cached: Object.fromEntries(entries), cacheList: await listCachedModels() });
    },
    async removeCached(url) {
      await removeCachedModel(url);
      await get().checkCached();
    },
    cancel(key) {
      aborts.get(key)?.abort();
    },
    async loadHosted(id, { select = true } = {}) {
      if (training()) return patch(id, { status: 'error', error: BUSY });
      const m = hostedModel(id);
      const current = get().sources[id];
      if (current?.loaded) return select ? useExperimentStore.getState().setSource({ kind: 'hosted', id }) : undefined;
      if (current?.status === 'downloading' || current?.status === 'checking') return;
      const run = begin(id);
      const got = await download(id, m.url, run);
      if (!got) return;
      if (await register(id, m.name, got.files, m.range, m.defaultCut, null, run.n, !got.fromCache)) {
        if (select) useExperimentStore.getState().setSource({ kind: 'hosted', id });
        await saveToCache(id, got);
      }
    },
    async loadCustomUrl(url, { select = true } = {}) {
      if (training()) return patch('custom', { status: 'error', error: BUSY });
      // The same rule a shared config's URL must pass (core/config/experiment.ts).
      const checked = ModelUrlSchema.safeParse(url.trim());
      if (!checked.success) {
        patch('custom', { ...attempt('error'), error: msg('msg.badModelUrl', url) });
        return;
      }
      const parsed = new URL(checked.data);
      const name = displayName(safeDecode(parsed.pathname.split('/').filter(Boolean).slice(-2, -1)[0] ?? '') || parsed.host);
      const run = begin('custom');
      const got = await download('custom', parsed.href, run);
      if (!got) return;
      // Own models are assumed to take [0, 1] pixels (what model.save() of a Keras/TF.js model trained on /255 images expects).
      if (await register('custom', name, got.files, 'unit', null, null, run.n, !got.fromCache)) {
        set({ customSource: { kind: 'custom', name, url: parsed.href } });
        if (select) useExperimentStore.getState().setSource({ kind: 'custom', name, url: parsed.href });
        await saveToCache('custom', got);
      }
    },
    async loadCustomFiles(list, { select = true } = {}) {
      if (training()) return patch('custom', { status: 'error', error: BUSY });
      const name = list.find((f) => f.name.toLowerCase().endsWith('.json') && f.name.toLowerCase() !== 'metadata.json')?.name ?? 'model.json';
      const run = begin('custom');
      patch('custom', attempt('checking'));
      let read: Awaited<ReturnType<typeof readLocalModel>>;
      try {
        read = await readLocalModel(list);
      } catch (err) {
        if (run.current()) patch('custom', { status: 'error', error: message(err) });
        return;
      }
      if (!run.current()) return;
      // Teachable Machine feeds its MobileNet [−1, 1] pixels; its metadata.json names the classes.
      const range = read.metadata ? 'symmetric' : 'unit';
      // A file's metadata is anyone's text: shown as text only, without control characters, bounded.
      const shown = displayName(read.metadata?.modelName ? `${read.metadata.modelName} (Teachable Machine)` : name);
      if (await register('custom', shown, read.files, range, null, read.metadata?.labels ?? null, run.n)) {
        // A restored experiment already names this model, with its cut: that is the source to come back to.
        const current = useExperimentStore.getState().config.source;
        set({ localFiles: [...list], customSource: current.kind === 'custom' && !current.url && current.name === shown ? current : { kind: 'custom', name: shown } });
        if (select) useExperimentStore.getState().setSource({ kind: 'custom', name: shown });
      }
    },
  };
});

// The own model's source follows the settings chosen for it (its cut), so "Use your model again" brings them back.
useExperimentStore.subscribe((s) => {
  const src = s.config.source;
  const own = useSourceStore.getState().customSource;
  if (src.kind === 'custom' && own && src !== own && src.name === own.name && src.url === own.url) useSourceStore.setState({ customSource: src });
});

/** Models the dead worker held or was checking: its replacement loads them again, without selecting them. */
let lostModels = new Set<string>();

// Loaded models lived in the worker that died: its replacement has none. Each says so until the
// new worker is ready, then is loaded again (from the cache or the person's files, no download).
onEngineDeath(() =>
  useSourceStore.setState((s) => {
    const lost = Object.entries(s.sources).filter(([, src]) => src.loaded || src.status === 'checking');
    lost.forEach(([key]) => lostModels.add(key));
    return { sources: { ...s.sources, ...Object.fromEntries(lost.map(([key, src]) => [key, { ...src, status: 'error' as const, loaded: null, error: RELOAD }])) } };
  }),
);

onEngineRestart(() => {
  const again = lostModels;
  lostModels = new Set();
  const store = useSourceStore.getState();
  for (const key of again) {
    if (key !== 'custom') void store.loadHosted(key, { select: false });
    else if (store.customSource?.url) void store.loadCustomUrl(store.customSource.url, { select: false });
    else if (store.localFiles) void store.loadCustomFiles(store.localFiles, { select: false });
  }
});

/** Whether the config's source can be trained now. */
export function sourceReady(source: { kind: string; id?: string }, zooIds: readonly string[], sources: Record<string, ExternalSource>): boolean {
  if (source.kind === 'zoo') return zooIds.includes(source.id!);
  return !!sources[source.kind === 'hosted' ? source.id! : 'custom']?.loaded;
}
