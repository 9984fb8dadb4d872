import { LARGE_SIDE } from '../../core/models/inputSpec';
import type { ImageSet } from '../../core/data/imageSet';
import { bug } from '../../core/messages';
import type { UploadClass } from './uploadTypes';

/**
 * Pack every image into one ImageSet; classNames follow class order (empty classes included, so
 * indices match the UI). Null when there are no images. Builds new arrays on every call: use it
 * when training starts, not as a hook selector.
 */
export function toImageSet(state: { readonly classes: readonly UploadClass[] }, side: number): ImageSet | null {
  const size = side * side * 3;
  const count = state.classes.reduce((n, c) => n + c.images.length, 0);
  if (count === 0) return null;
  const pixels = new Uint8Array(count * size);
  const labels = new Uint16Array(count);
  let i = 0;
  state.classes.forEach((c, label) => {
    for (const stored of c.images) {
      const image = side === LARGE_SIDE && stored.pixelsLarge ? { ...stored, pixels: stored.pixelsLarge } : stored;
      if (image.pixels.length !== size) {
        throw bug(`toImageSet: ${image.name} has ${image.pixels.length} bytes, expected ${size} (side ${side})`); // decoding and restoring check the sizes
      }
      pixels.set(image.pixels, i * size);
      labels[i++] = label;
    }
  });
  return { width: side, height: side, channels: 3, pixels, labels, classNames: state.classes.map((c) => c.name) };
}
