import { create } from 'zustand';
import type { ExperimentConfig } from '../../core/config/experiment';
import { messageOf, type Msg } from '../../core/messages';
import { getEngine, surviving } from '../../platform/engine/engineClient';
import type { EngineApi } from '../../workers/engine/api';
import { useStudyStore } from '../../lab/studyStore';
import { uploadedFor } from '../../lab/uploads/uploadStore';

/** The experiment as a PyTorch project: built in the worker, refused with reasons it can name. */
export const usePythonExportStore = create<{
  busy: boolean;
  reasons: Msg[];
  notes: Msg[];
  /** Resolves with the zip, or null when refused (the reasons are in the store). */
  exportProject(config: ExperimentConfig): Promise<Uint8Array<ArrayBuffer> | null>;
}>()((set) => ({
  busy: false,
  reasons: [],
  notes: [],
  async exportProject(config) {
    set({ busy: true, reasons: [], notes: [] });
    try {
      // A multi-source study (the fusion preset) exports its sources side by side, as it trained them.
      const sources = useStudyStore.getState().sources ?? undefined;
      const r = await surviving(
        () =>
          getEngine().exportPython(config, uploadedFor(config, sources), sources) as Promise<
            Awaited<ReturnType<EngineApi['exportPython']>>
          >,
      );
      if (!r.ok) {
        set({ reasons: r.reasons });
        return null;
      }
      set({ notes: r.notes });
      return r.zip as Uint8Array<ArrayBuffer>;
    } catch (err) {
      set({ reasons: [messageOf(err)] });
      return null;
    } finally {
      set({ busy: false });
    }
  },
}));
