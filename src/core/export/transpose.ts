/** `data` in row-major `shape` → permuted by `perm` (out axis i = in axis perm[i]). TF.js and PyTorch order weight axes differently (HWIO vs OIHW). */
export function transpose(data: Float32Array, shape: readonly number[], perm: readonly number[]): { data: Float32Array; shape: number[] } {
  const outShape = perm.map((p) => shape[p]);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const stridesInOutOrder = perm.map((p) => inStrides[p]);
  const out = new Float32Array(data.length);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < rank; k++) src += idx[k] * stridesInOutOrder[k];
    out[o] = data[src];
    // Advance the output index like an odometer, last axis fastest (row-major).
    for (let k = rank - 1; k >= 0; k--) {
      if (++idx[k] < outShape[k]) break;
      idx[k] = 0;
    }
  }
  return { data: out, shape: outShape };
}
