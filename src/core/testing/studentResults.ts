import type { SharedResults } from '../share/link';

/**
 * A student's finished transfer and scratch runs of `epochs` epochs, climbing to the given final
 * validation accuracies: what a result link carries, for the class board's tests and bench.
 */
export function studentResults(epochs: number, transfer: number, scratch: number): SharedResults {
  const curve = (end: number) =>
    Array.from({ length: epochs }, (_, i) => {
      // The last epoch lands exactly on `end`: the tests compute the class figures from it.
      const a = i === epochs - 1 ? end : Math.round(end * (0.5 + (0.5 * (i + 1)) / epochs) * 1e4) / 1e4;
      return {
        epoch: i + 1,
        examplesSeen: (i + 1) * 160,
        trainLoss: 1 - a,
        trainAccuracy: a,
        valLoss: 1 - a,
        valAccuracy: a,
        shiftedAccuracy: null,
        sourceAccuracy: null,
        wallMs: 100 * (i + 1),
      };
    });
  return {
    budget: { epochs, steps: 10 * epochs, examples: 160 * epochs },
    classNames: ['5', '6', '7', '8', '9'],
    runs: [
      { id: 'transfer', kind: 'transfer', name: 'Transfer', color: '#2563eb', status: 'done', epochs: curve(transfer) },
      { id: 'scratch', kind: 'scratch', name: 'Scratch', color: '#ea580c', status: 'done', epochs: curve(scratch) },
    ],
  };
}
