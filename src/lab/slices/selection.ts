import { useSelectionStore } from '../selectionStore';
import { SelectionSnapshotSchema, type SelectionSnapshot } from '../persist/analyses';
import type { DocumentSlice } from '../document';

/** The model-selection table (scores per candidate, and the fine-tuned check): saved experiments only. */
export const selectionSlice: DocumentSlice<SelectionSnapshot> = {
  id: 'selection',
  in: ['record'],
  schema: SelectionSnapshotSchema,
  snapshot: () => useSelectionStore.getState().snapshot(),
  restore: (snapshot) => useSelectionStore.getState().restore(snapshot),
  clear: () => useSelectionStore.getState().restore(null),
  watch: (changed) =>
    useSelectionStore.subscribe((s, prev) => (s.rows !== prev.rows || s.actual !== prev.actual || s.status !== prev.status) && changed()),
};
