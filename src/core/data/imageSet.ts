/**
 * The one in-memory form of image data in the lab: uint8 pixels, row-major HWC, plus integer labels.
 * Built-in, synthetic and uploaded images all end up here, so everything downstream
 * (splits, bias knobs, tensors) has one input type. uint8 keeps 1,000 photos affordable.
 */
export interface ImageSet {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  /** count × height × width × channels, values 0–255. */
  readonly pixels: Uint8Array;
  /** One class index per image. */
  readonly labels: Uint16Array;
  readonly classNames: readonly string[];
}

export function imageCount(set: ImageSet): number {
  return set.labels.length;
}

export function imageSize(set: ImageSet): number {
  return set.width * set.height * set.channels;
}

export function classCounts(set: ImageSet): number[] {
  const counts = new Array<number>(set.classNames.length).fill(0);
  for (const l of set.labels) counts[l]++;
  return counts;
}

/** A new set holding the given images (in the given order). Copies pixels, so the result is independent. */
export function subset(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const size = imageSize(set);
  const pixels = new Uint8Array(indices.length * size);
  const labels = new Uint16Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    pixels.set(set.pixels.subarray(j * size, (j + 1) * size), i * size);
    labels[i] = set.labels[j];
  }
  return { ...set, pixels, labels };
}

/**
 * Keep only some classes and renumber them 0..k-1 in the order given — e.g. digits 5–9 as a
 * 5-class target task.
 */
export function selectClasses(set: ImageSet, keep: readonly number[]): ImageSet {
  const remap = new Map(keep.map((c, i) => [c, i]));
  const indices: number[] = [];
  set.labels.forEach((l, i) => {
    if (remap.has(l)) indices.push(i);
  });
  const out = subset(set, indices);
  const labels = out.labels.map((l) => remap.get(l)!);
  return { ...out, labels, classNames: keep.map((c) => set.classNames[c]) };
}
