import * as tf from '@tensorflow/tfjs';
import type { StepResult } from './run';

/**
 * One epoch's per-batch losses and hit counts. They stay on the device and are read in groups:
 * every read is a GPU sync.
 */
export class BatchLosses {
  private pending: { step: number; loss: tf.Scalar; correct: tf.Scalar }[] = [];
  private lastRead = performance.now();
  lossSum = 0;
  correctSum = 0;
  /** A loss read so far was not finite. */
  diverged = false;

  constructor(
    /** Called with each batch's loss as it is read. */
    private readonly onBatch: (step: number, loss: number) => void,
    /** Called after each read. */
    private readonly onRead: () => void,
  ) {}

  /** Batches waiting to be read. */
  get count(): number {
    return this.pending.length;
  }

  push(step: number, { loss, correct }: StepResult): void {
    this.pending.push({ step, loss, correct });
  }

  /** Is a read due: `readMs` since the last one, or 64 batches waiting? */
  due(readMs: number): boolean {
    return performance.now() - this.lastRead >= readMs || this.pending.length >= 64;
  }

  /** The waiting scalars, each batch's loss then its hits: the order `consume` reads values in. */
  scalars(): tf.Scalar[] {
    return this.pending.flatMap((p) => [p.loss, p.correct]);
  }

  /** Takes the waiting batches' values (read elsewhere, e.g. along with an evaluation) and frees their scalars. */
  consume(values: ArrayLike<number>): void {
    this.pending.forEach((p, i) => {
      const loss = values[2 * i];
      this.lossSum += loss;
      this.correctSum += values[2 * i + 1];
      if (!Number.isFinite(loss)) this.diverged = true;
      this.onBatch(p.step, loss);
    });
    tf.dispose(this.scalars());
    this.pending = [];
    this.lastRead = performance.now();
    this.onRead();
  }

  /** Reads the waiting batches in one sync. */
  async flush(): Promise<void> {
    const read = tf.tidy(() => tf.stack(this.scalars()));
    const values = await read.data();
    read.dispose();
    this.consume(values);
  }

  /** Frees whatever was never read (a stop or an error mid-epoch). */
  dispose(): void {
    tf.dispose(this.scalars());
  }
}
