import { create } from 'zustand';
import type { ExperimentConfig } from '../core/config/experiment';
import type { ImageSet } from '../core/data/imageSet';
import type { FeatureMapReport, MapMethod } from '../core/projection/featureMaps';
import { getEngine } from '../platform/engine/engineClient';
import * as Comlink from 'comlink';
import { messageOf, type Msg } from '../core/messages';

/** The feature-space maps last drawn, and what they were drawn for. */
interface FeatureMapState {
  method: MapMethod;
  report: FeatureMapReport | null;
  /** The config (and the latest experiment's runs) the report belongs to; see `drawnKey`. */
  drawnFor: string | null;
  progress: { done: number; label: string } | null;
  error: Msg | null;
  setMethod(method: MapMethod): void;
  draw(config: ExperimentConfig, uploaded: ImageSet | null, key: string): Promise<void>;
  clear(): void;
}

export const useFeatureMapStore = create<FeatureMapState>()((set, get) => ({
  method: 'pca',
  report: null,
  drawnFor: null,
  progress: null,
  error: null,
  setMethod: (method) => set({ method }),
  async draw(config, uploaded, key) {
    set({ progress: { done: 0, label: '' }, error: null });
    // Progress calls are one-way messages from the worker: the last may arrive after the report,
    // and must not bring back a progress bar (which disables Draw) once the drawing is over.
    let over = false;
    const onProgress = Comlink.proxy((done: number, label: string) => void (!over && set({ progress: { done, label } })));
    try {
      const report = await getEngine().featureMaps(config, uploaded, get().method, onProgress);
      over = true;
      set({ report, drawnFor: key, progress: null });
    } catch (err) {
      over = true;
      set({ error: messageOf(err), progress: null });
    }
  },
  clear: () => set({ report: null, drawnFor: null, progress: null, error: null }),
}));
