import * as tf from '@tensorflow/tfjs';
import type { EngineEvent } from '../../core/train/events';

/**
 * Events are batched (100 ms): per-batch losses can arrive faster than
 * React should re-render, and one postMessage per event would flood the main thread.
 */
export function batcher(onEvent: (events: EngineEvent[]) => void | Promise<void>) {
  const queue: EngineEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Deliveries the page has not acknowledged yet (it does once it has drawn what they changed). */
  const inFlight = new Set<Promise<void>>();
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!queue.length) return;
    const done: Promise<void> = Promise.resolve(onEvent(queue.splice(0))).then(
      () => void inFlight.delete(done),
      () => void inFlight.delete(done),
    );
    inFlight.add(done);
  };
  return {
    /**
     * For RunControl's gate: deliver what is queued now — the engine is between steps, its GPU
     * work read back — and report whether the page is still drawing earlier deliveries.
     */
    deliverAndWait: () => {
      flush();
      if (!inFlight.size) return null;
      // Let queued GPU work finish too: software WebGL runs on the same cores the page draws with.
      const idle = tf.tidy(() => tf.zeros([1]));
      return Promise.all([...inFlight, idle.data().finally(() => idle.dispose())]).then(() => undefined);
    },
    emit(e: EngineEvent) {
      queue.push(e);
      timer ??= setTimeout(flush, 100);
    },
    /**
     * Delivers the rest and waits until the page has applied it. The events travel on the
     * callback's own port, the call's reply on the worker's: without this wait the reply can
     * overtake the last events (Firefox does), and the page sees a run end before it finished.
     */
    async drain() {
      flush();
      await Promise.all([...inFlight]);
    },
  };
}
