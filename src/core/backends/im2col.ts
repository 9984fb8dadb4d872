import { tapRanges, type WindowGeometry } from './windowGeometry';

/**
 * The data-movement halves of convolution gradients as matrix multiplies, on plain Float32Arrays
 * (in the lab: views of the wasm heap). NHWC throughout; a filter is [FH, FW, C, OC].
 *
 *   filter gradient  dW[K, OC] = colᵀ[K, M] · dy[M, OC]        (im2colT below builds colᵀ)
 *   input gradient   dcol[M, K] = dy[M, OC] · Wᵀ[OC, K], then dx = col2im(dcol)
 *
 * with M = N·OH·OW output positions and K = FH·FW·C filter taps. colᵀ is built already transposed
 * because the backend's matmul is fast only without transposes (XNNPACK's path; the transposed
 * ones fall back to a naive loop ~10× slower). Every loop runs in a fixed order: deterministic.
 */

/** Where each output position's window sits in the input, and the channels on either side. No dilation. */
export interface ConvGeometry extends Omit<WindowGeometry, 'dh' | 'dw'> {
  inC: number;
  outC: number;
}

/** colᵀ[k, m] = x at tap k of output position m (0 where the tap falls in the padding). `out` has K·M elements. */
export function im2colT(x: Float32Array, g: ConvGeometry, out: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, fh, fw, sh, sw, top, left } = g;
  const m = batch * outH * outW;
  const step = sw * inC;
  for (let i = 0; i < fh; i++) {
    for (let j = 0; j < fw; j++) {
      // Output columns whose tap (i, j) lands inside the input: ow in [lo, hi).
      const lo = Math.min(outW, Math.max(0, Math.ceil((left - j) / sw)));
      const hi = Math.max(lo, Math.min(outW, Math.floor((inW - 1 + left - j) / sw) + 1));
      const tap = (i * fw + j) * inC;
      for (let n = 0; n < batch; n++) {
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * sh - top + i;
          const pos = (n * outH + oh) * outW;
          if (ih < 0 || ih >= inH) {
            for (let c = 0, o = tap * m + pos; c < inC; c++, o += m) out.fill(0, o, o + outW);
            continue;
          }
          // Reads walk one input row (stride sw·C, every channel on the same cache lines); writes are contiguous.
          const rowBase = ((n * inH + ih) * inW - left + j) * inC;
          for (let c = 0; c < inC; c++) {
            const o = (tap + c) * m + pos;
            for (let ow = 0; ow < lo; ow++) out[o + ow] = 0;
            let src = rowBase + lo * step + c;
            for (let ow = lo; ow < hi; ow++, src += step) out[o + ow] = x[src];
            for (let ow = hi; ow < outW; ow++) out[o + ow] = 0;
          }
        }
      }
    }
  }
}

/** dx (zeroed here) = the sum, over output positions and taps, of dcol[m, k] scattered back to the input pixel under it. */
export function col2im(dcol: Float32Array, g: ConvGeometry, dx: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, fh, fw, sh, sw, top, left } = g;
  const k = fh * fw * inC;
  const rows = tapRanges(outH, sh, top, 1, fh, inH);
  const cols = tapRanges(outW, sw, left, 1, fw, inW);
  dx.fill(0, 0, batch * inH * inW * inC);
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const row = ((n * outH + oh) * outW + ow) * k;
        for (let i = rows[2 * oh]; i < rows[2 * oh + 1]; i++) {
          const ih = oh * sh - top + i;
          for (let j = cols[2 * ow]; j < cols[2 * ow + 1]; j++) {
            const d = ((n * inH + ih) * inW + ow * sw - left + j) * inC;
            const s = row + (i * fw + j) * inC;
            for (let c = 0; c < inC; c++) dx[d + c] += dcol[s + c];
          }
        }
      }
    }
  }
}

/** Wᵀ: [FH, FW, C, OC] read as [K, OC], written as [OC, K]. */
export function transposeFilter(w: Float32Array, k: number, oc: number, out: Float32Array): void {
  for (let r = 0; r < k; r++) for (let c = 0; c < oc; c++) out[c * k + r] = w[r * oc + c];
}

/** Pooling windows, as computePool2DInfo describes them. */
export interface PoolGeometry extends WindowGeometry {
  channels: number;
}

/**
 * Max-pool gradient: each output's dy goes to the first maximum of its window in scan order (rows,
 * then columns; strictly greater replaces; none for a window of NaN or −∞), as the cpu backend
 * decides; overlapping windows add up, in the cpu backend's order.
 */
export function maxPoolGrad(x: Float32Array, dy: Float32Array, g: PoolGeometry, dx: Float32Array): void {
  const { batch, inH, inW, channels: ch, outH, outW, fh, fw, sh, sw, dh, dw, top, left } = g;
  dx.fill(0, 0, batch * inH * inW * ch);
  const colStep = dw * ch;
  const rowStep = dh * inW * ch;
  const twoByTwo = fh === 2 && fw === 2;
  // The window's taps that fall inside the input: rows i in [iLo, iHi), columns j in [jLo, jHi).
  const rowTaps = tapRanges(outH, sh, top, dh, fh, inH);
  const colTaps = tapRanges(outW, sw, left, dw, fw, inW);
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const iLo = rowTaps[2 * oh];
      const rows = rowTaps[2 * oh + 1] - iLo;
      for (let ow = 0; ow < outW; ow++) {
        const jLo = colTaps[2 * ow];
        const cols = colTaps[2 * ow + 1] - jLo;
        const dyAt = ((n * outH + oh) * outW + ow) * ch;
        const first = ((n * inH + oh * sh - top + iLo * dh) * inW + ow * sw - left + jLo * dw) * ch;
        // The common 2×2 pool, window inside the input: unrolled (2–4× faster than the loops).
        if (twoByTwo && rows === 2 && cols === 2) firstMax2x2(x, dy, dx, first, dyAt, ch, colStep, rowStep);
        else firstMaxEach(x, dy, dx, first, dyAt, ch, rows, cols, colStep, rowStep);
      }
    }
  }
}

/** firstMax for every channel of one window, adding dy at each maximum. */
function firstMaxEach(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  first: number,
  dyAt: number,
  ch: number,
  rows: number,
  cols: number,
  colStep: number,
  rowStep: number,
): void {
  for (let c = 0; c < ch; c++) {
    const at = firstMax(x, first + c, rows, cols, colStep, rowStep);
    if (at >= 0) dx[at] += dy[dyAt + c];
  }
}

/** Index of the first strict maximum among rows × cols taps from p (−1 if none: all NaN or −∞). */
function firstMax(x: Float32Array, p: number, rows: number, cols: number, colStep: number, rowStep: number): number {
  let best = -Infinity;
  let at = -1;
  for (let i = 0; i < rows; i++) {
    for (let j = 0, q = p + i * rowStep; j < cols; j++, q += colStep) {
      if (x[q] > best) {
        best = x[q];
        at = q;
      }
    }
  }
  return at;
}

/** firstMax for a full 2×2 window, for every channel, adding dy at each maximum. */
function firstMax2x2(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  first: number,
  dyAt: number,
  ch: number,
  colStep: number,
  rowStep: number,
): void {
  for (let c = 0; c < ch; c++) {
    const p = first + c;
    let best = -Infinity;
    let at = -1;
    let v = x[p];
    if (v > best) {
      best = v;
      at = p;
    }
    v = x[p + colStep];
    if (v > best) {
      best = v;
      at = p + colStep;
    }
    v = x[p + rowStep];
    if (v > best) {
      best = v;
      at = p + rowStep;
    }
    if (x[p + rowStep + colStep] > best) at = p + rowStep + colStep;
    if (at >= 0) dx[at] += dy[dyAt + c];
  }
}

/** The filter of the input gradient as a forward convolution: W rotated 180° with its channel axes swapped, [FH, FW, OC, C]. */
export function flipFilter(w: Float32Array, fh: number, fw: number, c: number, oc: number, out: Float32Array): void {
  for (let i = 0; i < fh; i++) {
    for (let j = 0; j < fw; j++) {
      const src = (i * fw + j) * c * oc;
      const dst = ((fh - 1 - i) * fw + (fw - 1 - j)) * oc * c;
      for (let ci = 0; ci < c; ci++) for (let o = 0; o < oc; o++) out[dst + o * c + ci] = w[src + ci * oc + o];
    }
  }
}
