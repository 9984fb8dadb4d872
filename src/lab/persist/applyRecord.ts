import { type Msg } from '../../core/messages';
import { clearDocument, isRestoring, readDocument, restoreDocument } from '..';
import type { StoredExperiment, StoredImages, StoredModel } from './db';

/** While a record is being applied to the stores, their changes are not saved back (autosave asks). */
export const isApplying = isRestoring;

/**
 * A stored record as a lab document: its own fields, and the parts kept beside it (images, an own
 * model's files) under their slices' ids. Records of every version keep their field names.
 */
export const recordDocument = (
  record: StoredExperiment,
  images: StoredImages | undefined,
  model?: StoredModel,
): Record<string, unknown> => ({ ...record, images, model });

/**
 * Applies a stored record to the stores, validating every part. Not ok when its config is
 * unusable (nothing is applied then); `problem` names a part that could not be used (the rest is).
 */
export async function applyRecord(
  record: StoredExperiment,
  images: StoredImages | undefined,
  model?: StoredModel,
): Promise<{ ok: boolean; problem: Msg | null }> {
  const read = readDocument('record', recordDocument(record, images, model));
  if (!read.ok) return { ok: false, problem: read.detail };
  await restoreDocument('record', read);
  return { ok: true, problem: read.problems[0] ?? null };
}

/** A new, empty experiment's stores: every saved part but the config cleared (not saved back while it happens). */
export const clearRecord = clearDocument;
