/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../core/config/experiment';
import { DatasetStore } from '../core/data/datasetRef';
import type { ImageSet } from '../core/data/imageSet';
import { subset } from '../core/data/imageSet';
import { ModelRegistry } from '../core/models/registry';
import { RunControl } from '../core/train/control';
import type { EngineEvent } from '../core/train/events';
import { prepareTarget, runExperiment } from '../core/train/experiment';
import type { BackendInfo, EngineApi } from './api';

let registry: ModelRegistry;
let datasets: DatasetStore;
let control: RunControl | null = null;
/** The experiment in flight; a new start waits for it to wind down, so two never share the GPU. */
let running: Promise<void> = Promise.resolve();

async function pickBackend(): Promise<BackendInfo> {
  try {
    if (await tf.setBackend('webgl')) {
      await tf.ready();
      return { backend: 'webgl', fallbackReason: null };
    }
  } catch {
    /* fall through to cpu */
  }
  await tf.setBackend('cpu');
  return { backend: 'cpu', fallbackReason: 'WebGL is not available in this browser; training runs on the CPU and will be slow.' };
}

/**
 * Events are batched (100 ms): per-batch losses can arrive faster than
 * React should re-render, and one postMessage per event would flood the main thread.
 */
function batcher(onEvent: (events: EngineEvent[]) => void) {
  const queue: EngineEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (queue.length) onEvent(queue.splice(0));
  };
  return {
    emit(e: EngineEvent) {
      queue.push(e);
      timer ??= setTimeout(flush, 100);
    },
    flush,
  };
}

const api: EngineApi = {
  async init(baseUrl) {
    const fetchBytes = async (path: string) => {
      const res = await fetch(new URL(path, baseUrl));
      if (!res.ok) throw new Error(`Could not load ${path} (HTTP ${res.status}).`);
      return res.arrayBuffer();
    };
    registry = new ModelRegistry(fetchBytes);
    datasets = new DatasetStore(fetchBytes);
    return pickBackend();
  },
  listZoo: () => registry.listModels(),
  async previewTarget(config: ExperimentConfig, perClass: number) {
    const data = await prepareTarget(config, datasets);
    const firsts: number[] = [];
    const seen = new Map<number, number>();
    data.train.labels.forEach((l, i) => {
      const n = seen.get(l) ?? 0;
      if (n < perClass) firsts.push(i);
      seen.set(l, n + 1);
    });
    const set = subset(data.train, firsts);
    return Comlink.transfer({ set, counts: { train: data.train.labels.length, val: data.val.labels.length } }, [set.pixels.buffer as ArrayBuffer]);
  },
  async start(config: ExperimentConfig, uploaded: ImageSet | null, onEvent) {
    control?.stop();
    const mine = new RunControl();
    control = mine;
    const previous = running;
    const out = batcher(onEvent);
    const job = (async () => {
      await previous;
      try {
        const data = await prepareTarget(config, datasets, uploaded ?? undefined);
        await runExperiment(config, data, registry, out.emit, mine);
      } catch (err) {
        out.emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      } finally {
        out.flush();
        if (control === mine) control = null;
        // The callback is a Comlink proxy of a main-thread function: free its message port.
        (onEvent as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
      }
    })();
    running = job;
    await job;
  },
  pause: () => control?.pause(),
  resume: () => control?.resume(),
  stop: () => control?.stop(),
  memory: () => {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  },
};

Comlink.expose(api);
