import { useFusionStore } from '../fusionStore';
import { FusionSnapshotSchema, type FusionSnapshot } from '../persist/analyses';
import type { DocumentSlice } from '../document';

/** The fusion lab's report and study, with how their members were named (kept runs die with the worker): saved experiments only. */
export const fusionSlice: DocumentSlice<FusionSnapshot> = {
  id: 'fusion',
  in: ['record'],
  // Only the typed arrays' buffer type differs from the store's (ArrayBuffer vs ArrayBufferLike): structurally the same.
  schema: FusionSnapshotSchema as unknown as DocumentSlice<FusionSnapshot>['schema'],
  snapshot: () => useFusionStore.getState().snapshot(),
  restore: (snapshot) => useFusionStore.getState().restore(snapshot),
  clear: () => useFusionStore.getState().restore(null),
  watch: (changed) => useFusionStore.subscribe((s, prev) => (s.report !== prev.report || s.study !== prev.study) && changed()),
};
