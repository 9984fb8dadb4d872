import { create } from 'zustand';
import { HOSTED_MODELS, hostedModel } from '../core/models/hosted';
import { onEngineDeath, onEngineRestart } from '../platform/engine/engineClient';
import { isCached, listCachedModels, removeCachedModel } from '../platform/modelFiles';
import { useExperimentStore } from './experimentStore';
import { BUSY, createLoadSteps, training } from './sourceLoading';
import { createCustomSourceActions } from './customSourceActions';
import { msg } from '../core/messages';
import type { ExternalSource, SourceState } from './sourceTypes';

export type { ExternalSource, SourceState } from './sourceTypes';

/**
 * External sources (hosted MobileNets, the user's own model): download or read the files, have
 * the engine validate them, then select the source. Keyed like the engine's registry: the hosted
 * id, or "custom" (one own model at a time).
 */
const RELOAD = msg('ui.source.reloadAfterRestart');

export const useSourceStore = create<SourceState>()((set, get) => {
  const steps = createLoadSteps(set, get);
  const { patch, begin, register, saveToCache, download } = steps;
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
      steps.cancel(key);
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
    ...createCustomSourceActions(set, steps),
  };
});

// The own model's source follows the settings chosen for it (its cut), so "Use your model again" brings them back.
useExperimentStore.subscribe((s) => {
  const src = s.config.source;
  const own = useSourceStore.getState().customSource;
  if (src.kind === 'custom' && own && src !== own && src.name === own.name && src.url === own.url)
    useSourceStore.setState({ customSource: src });
});

/** Models the dead worker held or was checking: its replacement loads them again, without selecting them. */
let lostModels = new Set<string>();

// Loaded models lived in the worker that died: its replacement has none. Each says so until the
// new worker is ready, then is loaded again (from the cache or the person's files, no download).
onEngineDeath(() =>
  useSourceStore.setState((s) => {
    const lost = Object.entries(s.sources).filter(([, src]) => src.loaded || src.status === 'checking');
    lost.forEach(([key]) => lostModels.add(key));
    return {
      sources: {
        ...s.sources,
        ...Object.fromEntries(lost.map(([key, src]) => [key, { ...src, status: 'error' as const, loaded: null, error: RELOAD }])),
      },
    };
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
export function sourceReady(
  source: { kind: string; id?: string },
  zooIds: readonly string[],
  sources: Record<string, ExternalSource>,
): boolean {
  if (source.kind === 'zoo') return zooIds.includes(source.id!);
  return !!sources[source.kind === 'hosted' ? source.id! : 'custom']?.loaded;
}
