import * as tf from '@tensorflow/tfjs';
import { disposeModels } from '../models/registry';
import type { LiveRun } from './liveRun';

/**
 * Everything one experiment allocates. Every model is registered for disposal the moment it
 * exists, so an error anywhere leaks nothing.
 */
export class ExperimentResources {
  /** The runs built so far (their optimizer state; see TrainableRun.dispose). */
  readonly live: LiveRun[] = [];
  readonly models: tf.LayersModel[] = [];
  readonly graphs: tf.GraphModel[] = [];
  /** Cached embeddings. */
  readonly tensors: tf.TensorContainer[] = [];

  dispose(): void {
    this.live.forEach((r) => r.run.dispose());
    disposeModels(...this.models);
    this.graphs.forEach((g) => g.dispose());
    tf.dispose(this.tensors);
  }
}
