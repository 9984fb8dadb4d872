import { checkLabels, type FeatureMatrix } from './features';

/**
 * Leave-one-out k-nearest-neighbour accuracy on the frozen features (cosine similarity): each
 * image is classified by the majority of its k most similar other images; a tie between classes
 * goes to the one whose tied neighbours are the most similar in sum. The honest baseline for the
 * fancier scores — in published comparisons it often ranks sources as well as they do.
 */
const GRAM_ROWS = 2048;

export function knnAccuracy(f: FeatureMatrix, labels: ArrayLike<number>, numClasses: number, k = 5, gramRows = GRAM_ROWS): number {
  const { n, d, values } = f;
  checkLabels(labels, n, numClasses);
  if (n < 2) return 0;
  const kk = Math.min(k, n - 1);
  const unit = new Float64Array(values.length);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += values[i * d + j] ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) unit[i * d + j] = values[i * d + j] * inv;
  }
  const dot = (a: number, b: number) => {
    let acc = 0;
    for (let j = 0; j < d; j++) acc += unit[a * d + j] * unit[b * d + j];
    return acc;
  };
  // Up to GRAM_ROWS images, each pair's similarity is computed once into a symmetric matrix (half
  // the work of row by row, which keeps ranking the zoo cheap next to one training epoch even
  // before the JIT warms up); above that, row by row, so memory stays O(n).
  const gram = n <= gramRows ? new Float64Array(n * n) : null;
  if (gram)
    for (let i = 0; i < n; i++)
      for (let o = i + 1; o < n; o++) {
        const s = dot(i, o);
        gram[i * n + o] = s;
        gram[o * n + i] = s;
      }
  let correct = 0;
  const row = new Float64Array(n);
  const nearest = new Int32Array(kk);
  for (let i = 0; i < n; i++) {
    const sims = gram ? gram.subarray(i * n, (i + 1) * n) : row;
    if (!gram) for (let o = 0; o < n; o++) if (o !== i) row[o] = dot(i, o);
    // The kk most similar, by insertion into a short sorted list (kk is small); ties go to the
    // lower index, so the result does not depend on the order of a sort.
    let filled = 0;
    for (let o = 0; o < n; o++) {
      if (o === i) continue;
      let at = filled;
      while (at > 0 && sims[nearest[at - 1]] < sims[o]) at--;
      if (at >= kk) continue;
      for (let m = Math.min(filled, kk - 1); m > at; m--) nearest[m] = nearest[m - 1];
      nearest[at] = o;
      filled = Math.min(filled + 1, kk);
    }
    const votes = new Float64Array(numClasses);
    const simSum = new Float64Array(numClasses);
    for (let m = 0; m < filled; m++) {
      const o = nearest[m];
      votes[labels[o]]++;
      simSum[labels[o]] += sims[o];
    }
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (votes[c] > votes[best] || (votes[c] === votes[best] && simSum[c] > simSum[best])) best = c;
    if (best === labels[i]) correct++;
  }
  return correct / n;
}
