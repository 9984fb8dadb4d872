import { create } from 'zustand';
import type { SaliencyReport } from '../workers/engine/api';
import { getEngine } from '../platform/engine/engineClient';
import { messageOf, type Msg } from '../core/messages';

/** The saliency view: which validation image is explained, its maps, and the overlay's opacity. */
interface SaliencyState {
  index: number | null;
  report: SaliencyReport | null;
  error: Msg | null;
  opacity: number;
  open(valIndex: number): Promise<void>;
  close(): void;
  setOpacity(opacity: number): void;
}

export const useSaliencyStore = create<SaliencyState>()((set, get) => ({
  index: null,
  report: null,
  error: null,
  opacity: 0.6,
  async open(valIndex) {
    set({ index: valIndex, report: null, error: null });
    try {
      const report = await getEngine().saliency(valIndex);
      // A later click wins.
      if (get().index === valIndex) set({ report });
    } catch (err) {
      if (get().index === valIndex) set({ error: messageOf(err) });
    }
  },
  close: () => set({ index: null, report: null, error: null }),
  setOpacity: (opacity) => set({ opacity }),
}));
