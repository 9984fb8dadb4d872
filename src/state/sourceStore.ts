import { create } from 'zustand';
import { HOSTED_MODELS, hostedModel } from '../core/models/external';
import type { ModelFiles } from '../core/models/external';
import type { ModelInfo } from '../core/models/source';
import { Comlink, getEngine } from './engineClient';
import { downloadModel, isCached, readLocalModel, type ByteProgress } from './models/modelFiles';
import { useExperimentStore } from './experimentStore';

/**
 * External sources (hosted MobileNets, the user's own model): download or read the files, have
 * the engine validate them, then select the source. Keyed like the engine's registry: the hosted
 * id, or "custom" (one own model at a time).
 */
export interface ExternalSource {
  status: 'idle' | 'downloading' | 'checking' | 'ready' | 'error';
  progress: ByteProgress;
  /** Why the latest attempt failed. A failed attempt never unloads the model loaded before it. */
  error: string | null;
  fromCache: boolean;
  /** The model the engine holds under this key, if any: what training will use. */
  loaded: { info: ModelInfo; name: string } | null;
}

interface SourceState {
  sources: Record<string, ExternalSource>;
  /** Hosted models whose files are in Cache Storage (usable offline). */
  cached: Record<string, boolean>;
  checkCached(): Promise<void>;
  loadHosted(id: string): Promise<void>;
  loadCustomUrl(url: string): Promise<void>;
  loadCustomFiles(files: readonly File[]): Promise<void>;
}

const EMPTY: ExternalSource = { status: 'idle', progress: { done: 0, total: 0 }, error: null, fromCache: false, loaded: null };
/** A new attempt: progress and error reset, the loaded model kept. */
const attempt = (status: ExternalSource['status']) => ({ status, progress: { done: 0, total: 0 }, error: null, fromCache: false });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const transferables = (files: ModelFiles) => Object.values(files.weights);

export const useSourceStore = create<SourceState>()((set, get) => {
  const patch = (key: string, p: Partial<ExternalSource>) =>
    set((s) => ({ sources: { ...s.sources, [key]: { ...(s.sources[key] ?? EMPTY), ...p } } }));

  /** Files → engine validation → ready. Returns whether the model can be used. */
  const register = async (key: string, name: string, files: ModelFiles, range: 'unit' | 'symmetric', familyDefault: string | null) => {
    patch(key, { status: 'checking' });
    try {
      const info = await getEngine().registerModel(key, Comlink.transfer(files, transferables(files)), range, familyDefault);
      patch(key, { status: 'ready', loaded: { info, name }, error: null });
      return true;
    } catch (err) {
      patch(key, { status: 'error', error: message(err) });
      return false;
    }
  };

  return {
    sources: {},
    cached: {},
    async checkCached() {
      const entries = await Promise.all(HOSTED_MODELS.map(async (m) => [m.id, await isCached(m.url)] as const));
      set({ cached: Object.fromEntries(entries) });
    },
    async loadHosted(id) {
      const m = hostedModel(id);
      const current = get().sources[id];
      if (current?.loaded) return useExperimentStore.getState().setSource({ kind: 'hosted', id });
      if (current?.status === 'downloading' || current?.status === 'checking') return;
      patch(id, attempt('downloading'));
      let files: ModelFiles;
      try {
        const got = await downloadModel(m.url, (progress) => patch(id, { progress }));
        files = got.files;
        patch(id, { fromCache: got.fromCache });
        set((s) => ({ cached: { ...s.cached, [id]: true } }));
      } catch (err) {
        patch(id, { status: 'error', error: message(err) });
        return;
      }
      if (await register(id, m.name, files, m.range, m.defaultCut)) useExperimentStore.getState().setSource({ kind: 'hosted', id });
    },
    async loadCustomUrl(url) {
      let parsed: URL;
      try {
        parsed = new URL(url.trim());
        if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http');
      } catch {
        patch('custom', { ...attempt('error'), error: `"${url}" is not a web address (it should start with https:// and end in model.json).` });
        return;
      }
      const name = parsed.pathname.split('/').filter(Boolean).slice(-2, -1)[0] ?? parsed.host;
      patch('custom', attempt('downloading'));
      let files: ModelFiles;
      try {
        files = (await downloadModel(parsed.href, (progress) => patch('custom', { progress }))).files;
      } catch (err) {
        patch('custom', { status: 'error', error: message(err) });
        return;
      }
      // Own models are assumed to take [0, 1] pixels (what model.save() of a Keras/TF.js model trained on /255 images expects).
      if (await register('custom', name, files, 'unit', null)) useExperimentStore.getState().setSource({ kind: 'custom', name, url: parsed.href });
    },
    async loadCustomFiles(list) {
      const name = list.find((f) => f.name.toLowerCase().endsWith('.json'))?.name ?? 'model.json';
      patch('custom', attempt('checking'));
      let files: ModelFiles;
      try {
        files = await readLocalModel(list);
      } catch (err) {
        patch('custom', { status: 'error', error: message(err) });
        return;
      }
      if (await register('custom', name, files, 'unit', null)) useExperimentStore.getState().setSource({ kind: 'custom', name });
    },
  };
});

/** Whether the config's source can be trained now. */
export function sourceReady(source: { kind: string; id?: string }, zooIds: readonly string[], sources: Record<string, ExternalSource>): boolean {
  if (source.kind === 'zoo') return zooIds.includes(source.id!);
  return !!sources[source.kind === 'hosted' ? source.id! : 'custom']?.loaded;
}
