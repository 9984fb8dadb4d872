import { codes } from '../../i18n';
import type { Msg } from '../../core/messages';
import { MIN_IMAGES_PER_CLASS } from './classLimits';

/** Messages are codes the panel words. */
const en = codes('uploads');

/** Why training cannot start yet, or null if the classes are usable. */
export function trainingBlocker(classes: readonly { name: string; images: readonly unknown[] }[]): Msg | null {
  if (classes.length < 2) return en.needTwoClasses(classes.length);
  const short = classes.filter((c) => c.images.length < MIN_IMAGES_PER_CLASS).map((c) => ({ name: c.name, count: c.images.length }));
  return short.length > 0
    ? en.tooFewImages(
        short.map((c) => c.name),
        short.map((c) => c.count),
        MIN_IMAGES_PER_CLASS,
      )
    : null;
}
