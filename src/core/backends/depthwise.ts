import { tapRanges, type WindowGeometry } from './windowGeometry';

/**
 * Depthwise convolution gradients as direct loops on Float32Arrays (NHWC; a filter is
 * [FH, FW, C, CM], the output has C·CM channels, channel c·CM + m from input channel c). There is
 * no shared reduction axis to hand to a GEMM: each channel is its own tiny convolution, so the
 * loops walk output positions and taps with the channels innermost (contiguous in memory).
 * Every sum runs in one fixed order: deterministic.
 */
export interface DepthwiseGeometry extends WindowGeometry {
  inC: number;
  /** Channel multiplier: output channels per input channel. */
  cm: number;
}

/**
 * The shared loop nest: for every output position and every tap inside the input, `accumulateTap`
 * over the channels. `filter` true: dW[tap, o] += x[c] · dy[o]; false: dx[c] += Σ_m dy[o] · W[tap, o]
 * (o = c·CM + m). Written once with a flag, not a callback: a closure per tap costs V8 ~4× here.
 */
function depthwiseLoops(a: Float32Array, b: Float32Array, g: DepthwiseGeometry, out: Float32Array, filter: boolean): void {
  const { batch, inH, inW, inC, cm, outH, outW, fh, fw, sh, sw, dh, dw, top, left } = g;
  const oc = inC * cm;
  const rows = tapRanges(outH, sh, top, dh, fh, inH);
  const cols = tapRanges(outW, sw, left, dw, fw, inW);
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const dyAt = ((n * outH + oh) * outW + ow) * oc;
        for (let i = rows[2 * oh]; i < rows[2 * oh + 1]; i++) {
          const ih = oh * sh - top + i * dh;
          for (let j = cols[2 * ow]; j < cols[2 * ow + 1]; j++) {
            const xAt = ((n * inH + ih) * inW + ow * sw - left + j * dw) * inC;
            accumulateTap(a, b, out, xAt, (i * fw + j) * oc, dyAt, inC, cm, filter);
          }
        }
      }
    }
  }
}

/** One tap of one output position, every channel (see depthwiseLoops). */
function accumulateTap(
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  xAt: number,
  wAt: number,
  dyAt: number,
  inC: number,
  cm: number,
  filter: boolean,
): void {
  if (filter && cm === 1) {
    for (let c = 0; c < inC; c++) out[wAt + c] += a[xAt + c] * b[dyAt + c];
  } else if (filter) {
    for (let c = 0, o = 0; c < inC; c++) for (let m = 0; m < cm; m++, o++) out[wAt + o] += a[xAt + c] * b[dyAt + o];
  } else {
    for (let c = 0, o = 0; c < inC; c++) {
      let s = 0;
      for (let m = 0; m < cm; m++, o++) s += a[dyAt + o] * b[wAt + o];
      out[xAt + c] += s;
    }
  }
}

/** dW[i, j, c, m] = Σ over positions of x at the tap × dy[c·CM + m]. `dW` is zeroed here. */
export function depthwiseFilterGrad(x: Float32Array, dy: Float32Array, g: DepthwiseGeometry, dW: Float32Array): void {
  dW.fill(0, 0, g.fh * g.fw * g.inC * g.cm);
  depthwiseLoops(x, dy, g, dW, true);
}

/** dx[n, ih, iw, c] = Σ over the outputs whose window covers it of dy[c·CM + m] × W at that tap. `dx` is zeroed here. */
export function depthwiseInputGrad(dy: Float32Array, w: Float32Array, g: DepthwiseGeometry, dx: Float32Array): void {
  dx.fill(0, 0, g.batch * g.inH * g.inW * g.inC);
  depthwiseLoops(dy, w, g, dx, false);
}

/** The depthwise input gradient's filter as a forward depthwise convolution (CM = 1): W rotated 180°. */
export function flipDepthwiseFilter(w: Float32Array, fh: number, fw: number, c: number, out: Float32Array): void {
  for (let i = 0; i < fh; i++) {
    for (let j = 0; j < fw; j++) {
      const src = (i * fw + j) * c;
      const dst = ((fh - 1 - i) * fw + (fw - 1 - j)) * c;
      for (let k = 0; k < c; k++) out[dst + k] = w[src + k];
    }
  }
}
