import { checkLabels } from './features';
import { bug } from '../messages';

/**
 * LEEP (Nguyen et al., "LEEP: A New Measure to Evaluate Transferability of Learned
 * Representations", ICML 2020): how well the source head's own predictions, mapped to the target
 * classes through their empirical co-occurrence, predict the target labels. With θ(x) the source
 * softmax over Z source classes on n target images:
 *
 *   P(y, z) = 1/n Σᵢ θ(xᵢ)_z [yᵢ = y],  P(y | z) = P(y, z) / Σ_y P(y, z),
 *   LEEP = 1/n Σᵢ log Σ_z P(yᵢ | z) θ(xᵢ)_z.
 *
 * Always ≤ 0; closer to 0 is better. Needs a source head (a softmax), so it is not available for
 * a backbone without one.
 */
export function leep(probs: ArrayLike<number>, n: number, z: number, labels: ArrayLike<number>, numClasses: number): number {
  if (probs.length !== n * z) throw bug(`Expected ${n}×${z} source probabilities, got ${probs.length}.`);
  checkLabels(labels, n, numClasses);
  const joint = new Float64Array(numClasses * z);
  for (let i = 0; i < n; i++) for (let c = 0; c < z; c++) joint[labels[i] * z + c] += probs[i * z + c] / n;
  const marginal = new Float64Array(z);
  for (let y = 0; y < numClasses; y++) for (let c = 0; c < z; c++) marginal[c] += joint[y * z + c];
  let total = 0;
  for (let i = 0; i < n; i++) {
    let p = 0;
    for (let c = 0; c < z; c++) if (marginal[c] > 0) p += (joint[labels[i] * z + c] / marginal[c]) * probs[i * z + c];
    total += Math.log(Math.max(p, 1e-300));
  }
  return total / n;
}
