import type * as tf from '@tensorflow/tfjs';

export type Shape4 = [number, number, number, number];

/** The attributes every convolution- or pooling-shaped kernel takes, as TF.js passes them. */
export interface WindowAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Where a sliding window (a convolution's filter, a pooling window) sits on an NHWC input: the
 * fields every kernel here shares, as computeConv2DInfo / computePool2DInfo describe them.
 */
export interface WindowGeometry {
  batch: number;
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  fh: number;
  fw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  /** Padding before the first row / column. */
  top: number;
  left: number;
}

/** The padding after the last row and column too (what the flipped-filter route needs). */
export interface TrailingPadding {
  bottom: number;
  right: number;
}

/** A Conv2DInfo (or a pooling's) flattened to the fields above. */
export function windowGeometry(info: tf.backend_util.Conv2DInfo): WindowGeometry & TrailingPadding {
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    outH: info.outHeight,
    outW: info.outWidth,
    fh: info.filterHeight,
    fw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    dh: info.dilationHeight,
    dw: info.dilationWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
    bottom: info.padInfo.bottom,
    right: info.padInfo.right,
  };
}

/**
 * Which taps of each window along one axis fall inside the input: for output index o (of `count`),
 * taps [ranges[2o], ranges[2o + 1]). Computed once per kernel call, not per output position.
 */
export function tapRanges(count: number, stride: number, pad: number, dilation: number, taps: number, size: number): Int32Array {
  const ranges = new Int32Array(2 * count);
  for (let o = 0; o < count; o++) {
    const first = o * stride - pad;
    const lo = Math.max(0, Math.ceil(-first / dilation));
    ranges[2 * o] = lo;
    ranges[2 * o + 1] = Math.max(lo, Math.min(taps, Math.floor((size - 1 - first) / dilation) + 1));
  }
  return ranges;
}

/**
 * Whether an input gradient is the forward convolution of dy with the flipped filter (padded as
 * `flippedPadding` says): stride 1, no dilation, and no side padded by a whole filter or more.
 */
export const flippable = (g: WindowGeometry & TrailingPadding): boolean =>
  g.sh === 1 && g.sw === 1 && g.dh === 1 && g.dw === 1 && Math.max(g.top, g.bottom) < g.fh && Math.max(g.left, g.right) < g.fw;

/** dy's padding for that forward convolution: FH−1−top above, FH−1−bottom below, likewise for columns. */
export const flippedPadding = (g: WindowGeometry & TrailingPadding): tf.backend_util.ExplicitPadding => [
  [0, 0],
  [g.fh - 1 - g.top, g.fh - 1 - g.bottom],
  [g.fw - 1 - g.left, g.fw - 1 - g.right],
  [0, 0],
];
