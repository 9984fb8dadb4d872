import { codes } from '../../i18n';
import type { Msg } from '../../core/messages';
import { MAX_CLASSES } from './classLimits';
import { classNameKey } from './classNames';
import type { DecodeResult } from '../../platform/decode/decodeImages';
import { newId } from './newId';
import type { UploadClass, UploadMessage } from './uploadTypes';

/** Messages are codes the panel words. */
const en = codes('uploads');

export interface Decoded {
  /** Name shown in messages: the drop path when there is one. */
  shown: string;
  name: string;
  className: string | null;
  result: DecodeResult;
}

/**
 * Fold decoded files into the classes, in input order (so with duplicates the first one wins).
 * Pure apart from the returned URLs, which the caller revokes.
 */
export function applyDecoded(classes: UploadClass[], batch: readonly Decoded[], targetClassId: string | undefined) {
  const next = [...classes];
  const copied = new Set<string>();
  const messages: UploadMessage[] = [];
  const discard: string[] = [];
  const refused = new Set<string>();
  const seen = new Map<string, { image: string; className: string }>();
  for (const c of next) for (const image of c.images) seen.set(image.hash, { image: image.name, className: c.name });

  const writable = (index: number) => {
    const c = next[index];
    if (!copied.has(c.id)) {
      next[index] = { ...c, images: [...c.images] };
      copied.add(c.id);
    }
    return next[index];
  };
  const problem = (file: string, text: Msg) => messages.push({ id: newId('msg'), file, text });
  // Name → index, so placing a file costs the same with 6 classes or 1,000.
  const byName = new Map(next.map((c, i) => [classNameKey(c.name), i]));

  for (const { shown, name, className, result } of batch) {
    if (!result.ok) {
      problem(shown, result.message);
      continue;
    }
    const original = seen.get(result.hash);
    if (original) {
      problem(shown, en.duplicate(shown, original.image, original.className));
      discard.push(result.thumbnailUrl);
      continue;
    }
    let index: number;
    if (className) {
      const existing = byName.get(classNameKey(className));
      if (existing === undefined && next.length >= MAX_CLASSES) {
        if (!refused.has(classNameKey(className))) problem(shown, en.tooManyClasses(className, MAX_CLASSES));
        refused.add(classNameKey(className));
        discard.push(result.thumbnailUrl);
        continue;
      }
      index = existing ?? next.push({ id: newId('class'), name: className, images: [] }) - 1;
      byName.set(classNameKey(className), index);
    } else {
      index = next.findIndex((c) => c.id === targetClassId);
      if (index < 0) {
        // No class given, or it was deleted while this file was decoding.
        problem(shown, en.noClass(shown));
        discard.push(result.thumbnailUrl);
        continue;
      }
    }
    const target = writable(index);
    target.images.push({
      id: newId('img'),
      name,
      pixels: result.pixels,
      pixelsLarge: result.pixelsLarge,
      thumbnailUrl: result.thumbnailUrl,
      hash: result.hash,
    });
    seen.set(result.hash, { image: name, className: target.name });
  }
  return { classes: next, messages, discard };
}
