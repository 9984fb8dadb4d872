import { describe, expect, it } from 'vitest';
import { buildSmallCnn } from '../src/core/models/architecture';
import { freezeUpTo } from '../src/core/models/registry';
import { convMacs, flopLayers, stepFlops, type FlopLayer } from './engine/trainingFlops';

// The zoo CNN at 32×32×3, by hand: 3×3 'same' convs 3→8 at 32², 8→16 at 16², 16→32 at 8², 32→64 at 4².
const CONV1 = 32 * 32 * 9 * 3 * 8; // 221,184
const CONV = 16 * 16 * 9 * 8 * 16; // 294,912 (blocks 2–4 alike: 8·8·9·16·32 = 4·4·9·32·64)
const head = (classes: number) => 64 * classes;

describe('training step FLOPs', () => {
  it('counts a conv as OH·OW·FH·FW·C·OC multiply-adds', () => {
    expect(convMacs(32, 32, 3, 3, 3, 8)).toBe(221_184);
    expect(convMacs(8, 8, 3, 3, 16, 32)).toBe(294_912);
  });

  it('a chain where all train: forward, every weight gradient, every input gradient but the first', () => {
    const layers: FlopLayer[] = [
      { name: 'a', macs: 10, trains: true },
      { name: 'pool', macs: 0, trains: false },
      { name: 'b', macs: 20, trains: true },
      { name: 'c', macs: 5, trains: true },
    ];
    // batch 2: forward 2·2·35 = 140; dW 140; dX 2·2·(20 + 5) = 100.
    expect(stepFlops(layers, 2)).toEqual({ forward: 140, weightGrad: 140, inputGrad: 100, total: 380 });
  });

  it('frozen layers before the first trained one get no gradients at all', () => {
    const layers: FlopLayer[] = [
      { name: 'a', macs: 10, trains: false },
      { name: 'b', macs: 20, trains: true },
      { name: 'c', macs: 5, trains: true },
    ];
    // batch 1: forward 70; dW 2·25 = 50; dX only through c: 10.
    expect(stepFlops(layers, 1)).toEqual({ forward: 70, weightGrad: 50, inputGrad: 10, total: 130 });
  });

  it('reads the zoo CNN: a full step at batch 16 is 99,151,872 FLOPs (10 classes)', () => {
    const model = buildSmallCnn({ numClasses: 10, seed: 1 });
    const layers = flopLayers(model);
    expect(layers.filter((l) => l.macs > 0).map((l) => l.macs)).toEqual([CONV1, CONV, CONV, CONV, head(10)]);
    expect(layers.every((l) => l.trains === l.macs > 0)).toBe(true);
    const forward = 2 * 16 * (CONV1 + 3 * CONV + head(10)); // 35,409,920
    expect(stepFlops(layers, 16)).toEqual({ forward, weightGrad: forward, inputGrad: forward - 2 * 16 * CONV1, total: 99_151_872 });
    model.dispose();
  });

  it('the top-2 fine-tune trains blocks 3–4 and the head; gradients flow back to block 3 only', () => {
    const model = buildSmallCnn({ numClasses: 5, seed: 1 });
    freezeUpTo(model, 2);
    const f = stepFlops(flopLayers(model), 16);
    expect(f.forward).toBe(2 * 16 * (CONV1 + 3 * CONV + head(5)));
    expect(f.weightGrad).toBe(2 * 16 * (2 * CONV + head(5)));
    expect(f.inputGrad).toBe(2 * 16 * (CONV + head(5)));
    model.dispose();
  });
});
