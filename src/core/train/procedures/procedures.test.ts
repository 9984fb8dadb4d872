import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { config, datasets, registry } from '../../testing/experimentHarness';
import { RunControl } from '../control';
import type { EngineEvent } from '../events';
import { prepareTarget, runBudget, runExperiment } from '../experiment';
import type { Trainable } from '../trainable';
import { fineTune } from './fineTune';
import { PROCEDURES, procedureFor, type ProcedureContext, type RunProcedure } from './index';

/** Only the fields the built-in procedures' `applies` read. */
const ctxOf = (over: { probing: boolean; augmenting?: boolean; transfer: boolean; cache?: boolean }) =>
  ({
    probing: over.probing,
    setup: { augmenting: over.augmenting ?? false, opts: { cacheEmbeddings: over.cache } },
    built: { transfer: over.transfer ? ({} as tf.LayersModel) : null },
    info: { id: 'transfer' },
  }) as unknown as ProcedureContext;

describe('training procedures', () => {
  it('the registry picks the cached probe, the re-embedding probe or the fine-tune, as the run needs', () => {
    expect(procedureFor(ctxOf({ probing: true, transfer: true })).id).toBe('cached-probe');
    expect(procedureFor(ctxOf({ probing: true, transfer: false })).id).toBe('cached-probe');
    // Augmented images have no fixed embedding.
    expect(procedureFor(ctxOf({ probing: true, augmenting: true, transfer: false })).id).toBe('reembed-probe');
    expect(procedureFor(ctxOf({ probing: true, augmenting: true, transfer: true })).id).toBe('fine-tune');
    expect(procedureFor(ctxOf({ probing: true, transfer: true, cache: false })).id).toBe('fine-tune');
    expect(procedureFor(ctxOf({ probing: false, transfer: true })).id).toBe('fine-tune');
    expect(PROCEDURES.map((p) => p.id)).toEqual(['cached-probe', 'reembed-probe', 'fine-tune']);
  });

  it('a new procedure is one object and one line in the list: the engine trains through it, as it trains its own', async () => {
    // A test-only training procedure: a Trainable of its own (it delegates to a fine-tune and
    // counts the steps the engine asks of it).
    const steps: number[] = [];
    class CountingRun implements Trainable {
      constructor(private readonly inner: Trainable) {}
      get model() {
        return this.inner.model;
      }
      get inputs() {
        return this.inner.inputs;
      }
      step(indices: number[], stepIndex: number) {
        steps.push(stepIndex);
        return this.inner.step(indices, stepIndex);
      }
      evaluate = (extra?: tf.Scalar[]) => this.inner.evaluate(extra);
      probabilities = () => this.inner.probabilities();
      shiftedAccuracy = () => this.inner.shiftedAccuracy();
      sourceAccuracy = () => this.inner.sourceAccuracy();
      wiseFt = (alphas: readonly number[]) => this.inner.wiseFt(alphas);
      dispose = () => this.inner.dispose();
    }
    const counting: RunProcedure = {
      id: 'test-counting',
      applies: (ctx) => !ctx.probing && fineTune.applies(ctx),
      async build(ctx) {
        const live = await fineTune.build(ctx);
        if (live) live.run = new CountingRun(live.run);
        return live;
      },
    };
    const cfg = config({ strategy: { kind: 'full', backboneLrMultiplier: 1 }, scratchBaseline: false });
    const data = await prepareTarget(cfg, datasets);
    const events: EngineEvent[] = [];
    const before = tf.memory().numTensors;
    await runExperiment(cfg, data, registry, (e) => events.push(e), new RunControl(), {}, [counting, ...PROCEDURES]);
    expect(tf.memory().numTensors).toBe(before);
    const { steps: total } = runBudget(data.train.labels.length, cfg.training);
    expect(total).toBeGreaterThan(cfg.training.epochs);
    expect(steps).toEqual(Array.from({ length: total }, (_, i) => i));
    const epochs = events.filter((e) => e.type === 'epoch' && e.runId === 'transfer');
    expect(epochs).toHaveLength(cfg.training.epochs);
    expect(events.at(-1)).toEqual({ type: 'finished', stopped: false });
  });
});
