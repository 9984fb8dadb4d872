/// <reference lib="webworker" />
import '../core/config/zodSetup';
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { parseConfig, SourcesSchema, type ExperimentConfig, type Source } from '../core/config/experiment';
import { DatasetStore } from '../core/data/datasetRef';
import type { ImageSet } from '../core/data/imageSet';
import { subset } from '../core/data/imageSet';
import { ModelRegistry } from '../core/models/registry';
import { EmbeddingCache } from '../core/models/embeddingCache';
import { ScratchCache } from '../core/train/scratchCache';
import { pickJobBackends, wasmOnOneThread, type PickedBackends } from './jobBackends';
import type { JobBackends } from '../core/backends/jobBackend';
import { RunControl } from '../core/train/control';
import { scoreSource } from '../core/selection/rank';
import { measureDomainGap, sourceChannelStats } from '../core/selection/domainGapMeter';
import type { ChannelStats } from '../core/data/preprocess';
import { KeptRuns } from '../core/fusion/keptRuns';
import { hashBytes } from '../core/hash';
import type { EngineEvent } from '../core/train/events';
import { externalKey, prepareTarget, runExperiment, SOUP_MAX_WEIGHTS, withSourceTask, type TargetData } from '../core/train/experiment';
import { deserialiseModel, serialiseModel } from '../core/models/artifacts';
import { accuracyAsIs } from '../core/train/evaluate';
import { exportExperimentAsPython, refusalMessage, zipProject } from '../core/export';
import { saliency, withHead } from '../core/explain/saliency';
import { disposeModels } from '../core/models/registry';
import { drawFeatureMaps, mapImages } from '../core/projection/featureMaps';
import { planRuns, type PlannedRun } from '../core/train/plan';
import { ZOO_VIEW } from '../core/train/run';
import { disposeLoaded } from '../core/models/source';
import { inferenceBackend, LARGE_FAMILY_SIDE, onBackend } from '../core/backends/jobBackend';
import { augmentBatch } from '../core/augment/augment';
import { toInputTensor } from '../core/data/tensors';
import { INPUT_SIDE } from '../core/models/inputSpec';
import { deriveSeed } from '../core/random';
import { FATAL_MESSAGE, type CpuReason, type ScoreRow, type StartLimits, type BackendInfo, type EngineApi, type SaliencyReport, type TargetPreview } from './api';
import { inPhase, reportPhase } from './phase';
import { CodedError, codeText, coded, messageOf, msg } from '../core/messages';

let registry: ModelRegistry;
/** Where embedding and training run (wasm on a GPU-less machine); set by init. */
let backends: JobBackends | undefined;
let deviceBackend: Pick<BackendInfo, 'backend' | 'fallbackReason'> | undefined;

function backendInfo(picked: PickedBackends): BackendInfo {
  backends = picked.backends;
  return { ...deviceBackend!, inference: backends.inference, training: backends.training[0]!, wasmThreads: picked.wasmThreads, calibration: picked.calibration, measured: picked.measured };
}
let datasets: DatasetStore;
let control: RunControl | null = null;
/** Embeddings outlive experiments: re-running a probe on the same images embeds nothing again. */
const embeddingCache = new EmbeddingCache();
/** Scratch baselines outlive experiments too: comparing sources on one target trains one baseline. */
const scratchCache = new ScratchCache();
/** Finished runs kept for fusion, and a counter that makes their keys unique. */
const keptRuns = new KeptRuns();
/** The latest experiment's trained models (small image models only), as TF.js layers files, for exports. */
let trainedModels = new Map<string, { modelJson: string; weights: Uint8Array }>();
/** The latest experiment's probe heads (embeddings in), which on their source's backbone make the probe's network: for saliency. */
let trainedHeads = new Map<string, { modelJson: string; weights: Uint8Array }>();
let experiments = 0;
/** What the latest experiment trained on and its runs: feature maps and saliency follow it. */
let latest: { config: ExperimentConfig; data: TargetData; runs: PlannedRun[] } | null = null;
/** The parts of a config that decide a run's images and networks: a map follows the latest experiment only while these match. */
const mapKey = (c: ExperimentConfig) => JSON.stringify([c.source, c.target, c.preprocess, c.split, c.bias]);
/** The experiment in flight; a new start waits for it to wind down, so two never share the GPU. */
let running: Promise<void> = Promise.resolve();

/**
 * Runs `job` after whatever is in flight and makes it what the next job waits for, so two jobs
 * never share the GPU or the latest experiment's models. Its result, or its error, is the caller's.
 */
function serialised<T>(job: () => Promise<T>): Promise<T> {
  const result = running.then(job);
  running = result.then(
    () => {},
    () => {},
  );
  return result;
}

/** A probe as one image model: its zoo backbone with the trained head on top. The caller disposes `owned`. */
async function probeAsModel(sourceId: string, head: { modelJson: string; weights: Uint8Array }): Promise<{ model: tf.LayersModel; owned: tf.LayersModel[] }> {
  const backbone = await registry.load(sourceId);
  try {
    const probe = await deserialiseModel(head);
    return { model: withHead(backbone, probe), owned: [backbone, probe] };
  } catch (err) {
    disposeModels(backbone);
    throw err;
  }
}

/** Once set, errors are the lost context's doing: the page replaces this worker and says so. */
let contextLost = false;

/** The WebGL context TF.js draws with, when the backend is webgl. */
function webglContext(): WebGLRenderingContext | null {
  // Not necessarily the current backend: without a GPU, wasm is (see jobBackends.ts).
  const backend = tf.findBackend('webgl') as unknown as { gpgpu?: { gl?: WebGLRenderingContext } } | null;
  return backend?.gpgpu?.gl ?? null;
}

async function pickBackend(forceCpu: CpuReason | null): Promise<Pick<BackendInfo, 'backend' | 'fallbackReason'>> {
  if (!forceCpu) {
    try {
      if (await inPhase('webgl-probe', () => tf.setBackend('webgl'))) {
        await tf.ready();
        // A lost context makes every later op fail or return garbage: tell the page, which
        // replaces this worker (see engineClient), rather than train on.
        const canvas = webglContext()?.canvas as OffscreenCanvas | HTMLCanvasElement | undefined;
        canvas?.addEventListener('webglcontextlost', (e) => {
          e.preventDefault();
          contextLost = true;
          self.postMessage({ type: FATAL_MESSAGE, reason: 'webgl-lost' });
        });
        return { backend: 'webgl', fallbackReason: null };
      }
    } catch {
      /* fall through to cpu */
    }
  }
  await tf.setBackend('cpu');
  return {
    backend: 'cpu',
    fallbackReason: msg(forceCpu === 'webgl-lost-twice' ? 'msg.backend.webglLostTwice' : forceCpu === 'webgl-hung' ? 'msg.backend.webglHung' : 'msg.backend.noWebgl'),
  };
}

/**
 * Events are batched (100 ms): per-batch losses can arrive faster than
 * React should re-render, and one postMessage per event would flood the main thread.
 */
function batcher(onEvent: (events: EngineEvent[]) => void | Promise<void>) {
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

function firstPerClass(labels: Uint16Array, perClass: number): number[] {
  const firsts: number[] = [];
  const seen = new Map<number, number>();
  labels.forEach((l, i) => {
    const n = seen.get(l) ?? 0;
    if (n < perClass) firsts.push(i);
    seen.set(l, n + 1);
  });
  return firsts;
}

/**
 * The last prepared target, keyed by what picks and biases the images: previews (dataset view,
 * augmentation grid) ask again on every knob change and should not redo the split each time.
 */
let lastPrepared: { key: string; data: Promise<TargetData> } | null = null;
/**
 * Every config that reaches the engine is validated here, whoever sent it (a click, a link, a
 * stored experiment): the same strict schema, the same bounds, one place.
 */
function checked(draft: ExperimentConfig): ExperimentConfig {
  const parsed = parseConfig(draft);
  if (!parsed.ok) throw new CodedError(parsed.error);
  return parsed.config;
}

function checkedSources(sources: Source[] | undefined): Source[] | undefined {
  if (sources === undefined) return undefined;
  const parsed = SourcesSchema.safeParse(sources);
  if (!parsed.success) throw coded('msg.invalidSources', parsed.error.issues[0]?.message ?? codeText('err.notSourceList'));
  return parsed.data;
}

/** The source statistics `preprocess.normalise` aims at, kept per source (a fixed sample: every seed normalises alike). */
const sourceStats = new Map<string, Promise<ChannelStats | null>>();
function normaliseTo(config: ExperimentConfig): Promise<ChannelStats | null> {
  if (!config.preprocess.normalise) return Promise.resolve(null);
  const key = JSON.stringify(config.source);
  let p = sourceStats.get(key);
  if (!p) {
    p = sourceChannelStats(config.source, registry, datasets, 0);
    p.catch(() => sourceStats.delete(key));
    sourceStats.set(key, p);
  }
  return p;
}

/** The config's target, prepared (with the source's statistics when it normalises). */
async function targetData(config: ExperimentConfig, uploaded: ImageSet | null): Promise<TargetData> {
  return prepareTarget(config, datasets, uploaded ?? undefined, await normaliseTo(config));
}

function prepared(config: ExperimentConfig): Promise<TargetData> {
  const key = JSON.stringify([config.target, config.seed, config.split, config.bias, config.preprocess, config.preprocess.normalise ? config.source : null]);
  if (!lastPrepared || lastPrepared.key !== key) {
    const data = targetData(config, null);
    lastPrepared = { key, data };
    data.catch(() => lastPrepared?.data === data && (lastPrepared = null));
  }
  return lastPrepared.data;
}

const api: EngineApi = {
  ping: () => Date.now(),
  debugHang() {
    // Deliberately never returns: the page's heartbeat must notice and replace this worker.
    for (;;) {
      /* spin */
    }
  },
  debugLoseWebgl() {
    const ext = webglContext()?.getExtension('WEBGL_lose_context');
    ext?.loseContext();
    return !!ext;
  },
  async init(baseUrl, limits: StartLimits = { noWebgl: null, singleThread: false }, calibration, measureNow = false) {
    const fetchBytes = async (path: string) => {
      const res = await fetch(new URL(path, baseUrl));
      if (!res.ok) throw coded('err.engine.loadFailed', path, res.status);
      return res.arrayBuffer();
    };
    registry = new ModelRegistry(fetchBytes);
    datasets = new DatasetStore(fetchBytes);
    deviceBackend = await pickBackend(limits.noWebgl);
    if (limits.singleThread) wasmOnOneThread();
    return backendInfo(await pickJobBackends(calibration, false, measureNow));
  },
  recalibrate() {
    if (!deviceBackend) throw coded('err.engine.notInitialised');
    const device = deviceBackend.backend;
    // After whatever is in flight: switching backends under a running experiment would move its tensors.
    return serialised(async () => {
      await tf.setBackend(device);
      return backendInfo(await pickJobBackends(null, true));
    });
  },
  listZoo: () => registry.listModels(),
  registerModel: (key, files, range, familyDefault, labels, attempt) => registry.register(key, files, range, familyDefault, labels, attempt),
  async previewTarget(draft, perClass) {
    const config = checked(draft);
    const data = await prepared(config);
    const firsts = firstPerClass(data.train.labels, perClass);
    const set = subset(data.train, firsts);
    const shifted = data.shifted ? subset(data.shifted, firstPerClass(data.shifted.labels, Math.min(perClass, 3))) : null;
    const preview: TargetPreview = {
      set,
      noisy: Uint8Array.from(firsts, (i) => data.noisy[i]),
      trueLabels: Uint16Array.from(firsts, (i) => data.trueTrainLabels[i]),
      counts: { train: data.train.labels.length, val: data.val.labels.length, shifted: data.shifted?.labels.length ?? 0, blend: data.blend?.labels.length ?? 0 },
      classCounts: data.classCounts,
      flipped: data.noisy.reduce((n, f) => n + f, 0),
      shifted,
    };
    return Comlink.transfer(preview, [set.pixels.buffer as ArrayBuffer, ...(shifted ? [shifted.pixels.buffer as ArrayBuffer] : [])]);
  },
  async previewAugment(draft, images, draws, shuffle, sample) {
    const config = checked(draft);
    const source = sample ?? (await prepared(config)).train;
    const idx = Array.from({ length: Math.min(images, source.labels.length) }, (_, i) => i);
    const views = tf.tidy(() => {
      const x = toInputTensor(source, idx);
      const seed = deriveSeed(config.seed + shuffle, 'augment-preview');
      // [draws, n, …] → [n, draws, …]: each image's draws side by side.
      const views = tf.stack(Array.from({ length: draws }, (_, d) => augmentBatch(x, config.augmentations, deriveSeed(seed, `draw-${d}`))), 1);
      return views.reshape([-1, INPUT_SIDE, INPUT_SIDE, 3]).mul(255).round().toInt();
    });
    const pixels = await views.data();
    views.dispose();
    const set: ImageSet = {
      width: INPUT_SIDE,
      height: INPUT_SIDE,
      channels: 3,
      pixels: Uint8Array.from(pixels),
      labels: Uint16Array.from({ length: idx.length * draws }, (_, i) => source.labels[idx[Math.floor(i / draws)]]),
      classNames: source.classNames,
    };
    return Comlink.transfer(set, [set.pixels.buffer as ArrayBuffer]);
  },
  async start(draft: ExperimentConfig, uploaded: ImageSet | null, onEvent, draftSources) {
    control?.stop();
    const mine = new RunControl();
    control = mine;
    const previous = running;
    const out = batcher(onEvent);
    mine.setGate(out.deliverAndWait);
    const job = (async () => {
      await previous;
      try {
        const config = checked(draft);
        const sources = checkedSources(draftSources);
        const data = await withSourceTask(await targetData(config, uploaded), config, registry, datasets);
        // Runs with a blend split are kept for fusion (their probabilities, not their weights).
        // Runs can be fused only on the very same images: the key is their content (and labels).
        const bytesOf = (a: Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
        const imagesKey = hashBytes([data.val.pixels, bytesOf(data.val.labels), ...(data.blend ? [data.blend.pixels, bytesOf(data.blend.labels)] : [])]);
        const keep = keptRuns.recorder(++experiments, { key: imagesKey, val: data.val, blend: data.blend });
        const emit = (e: EngineEvent) => {
          keep(e);
          // Weights stay in the worker (soups are computed here); the page gets the rest.
          out.emit(e.type === 'probabilities' && e.weights ? { ...e, weights: undefined } : e);
        };
        trainedModels = new Map();
        latest = { config, data, runs: planRuns(config, sources) };
        trainedHeads = new Map();
        const onTrainedModel = async (runId: string, model: tf.LayersModel, part: 'whole' | 'head') => {
          if (model.countParams() > SOUP_MAX_WEIGHTS) return;
          (part === 'whole' ? trainedModels : trainedHeads).set(runId, await serialiseModel(model));
        };
        await runExperiment(config, data, registry, emit, mine, { embeddingCache, scratchCache, backends, sources, onTrainedModel, onReplayedModel: (runId, files) => void trainedModels.set(runId, files) });
      } catch (err) {
        if (!contextLost) out.emit({ type: 'error', message: messageOf(err) });
      } finally {
        await out.drain();
        if (control === mine) control = null;
        // The callback is a Comlink proxy of a main-thread function: free its message port.
        (onEvent as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
      }
    })();
    running = job;
    await job;
  },
  async scoreSources(draft, uploaded, draftSources, onRow) {
    const config = checked(draft);
    const sources = checkedSources(draftSources)!;
    // After any experiment in flight: scoring beside training would slow both down.
    try {
      await serialised(async () => {
        const { train } = await targetData(config, uploaded);
        // Each row is awaited: it travels on the callback's port, and the reply must not overtake it.
        for (const source of sources) {
          let row: ScoreRow;
          try {
            row = { ok: true, row: await scoreSource(source, registry, train) };
          } catch (err) {
            row = { ok: false, source, error: messageOf(err) };
          }
          await onRow(row);
        }
      });
    } finally {
      (onRow as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
    }
  },
  async measureGap(draft, uploaded) {
    const config = checked(draft);
    // After any experiment in flight, like scoring: the meter embeds with the source's backbone.
    return serialised(async () => {
      const { train } = uploaded ? await targetData(config, uploaded) : await prepared(config);
      return measureDomainGap(config, registry, datasets, train);
    });
  },
  async featureMaps(draft, uploaded, method, onProgress) {
    const config = checked(draft);
    const job = serialised(async () => {
      const follows = latest && mapKey(latest.config) === mapKey(config) ? latest : null;
      const data = follows?.data ?? (uploaded ? await targetData(config, uploaded) : await prepared(config));
      // Coloured by true class: label noise is a fact about the labels, not about the images.
      const { images, isVal } = mapImages({ ...data.train, labels: data.trueTrainLabels }, data.val, config.seed);
      const runs = (follows?.runs ?? []).map((run) => {
        const files = trainedModels.get(run.id);
        return {
          run,
          model: files
            ? async () => {
                const model = await deserialiseModel(files);
                if (run.kind === 'scratch' || run.source?.kind === 'zoo') return { model, view: ZOO_VIEW };
                const ext = await registry.loadExternal(externalKey(run.source!));
                disposeLoaded(ext.model);
                return { model, view: { side: ext.info.side, range: ext.info.range, channels: ext.info.channels } };
              }
            : null,
        };
      });
      const side = config.source.kind === 'zoo' ? INPUT_SIDE : LARGE_FAMILY_SIDE;
      const report = await onBackend(inferenceBackend(backends, side), () =>
        drawFeatureMaps({ method, seed: config.seed, images, isVal, source: config.source, runs, registry, onProgress: (done, label) => void onProgress(done, label) }),
      );
      return Comlink.transfer(report, [report.images.pixels.buffer as ArrayBuffer, ...report.panels.map((p) => p.coords.buffer as ArrayBuffer)]);
    });
    try {
      return await job;
    } finally {
      (onProgress as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
    }
  },
  async saliency(valIndex) {
    return serialised(async () => {
      if (!latest) throw coded('err.engine.trainFirst');
      const { data, runs } = latest;
      if (!Number.isInteger(valIndex) || valIndex < 0 || valIndex >= data.val.labels.length) throw coded('err.engine.noValidationImage', valIndex);
      const image = subset(data.val, [valIndex]);
      const out: SaliencyReport = { valIndex, image, trueLabel: image.labels[0]!, runs: [] };
      await onBackend(inferenceBackend(backends, INPUT_SIDE), async () => {
        const x = toInputTensor(image, [0]);
        try {
          for (const run of runs) {
            const whole = trainedModels.get(run.id);
            const head = trainedHeads.get(run.id);
            const zooBased = run.kind === 'scratch' || run.source?.kind === 'zoo';
            if (!zooBased || (!whole && !head)) {
              out.runs.push({ runId: run.id, runName: run.name, unavailable: zooBased ? 'not-trained' : 'external-source' });
              continue;
            }
            const owned: tf.LayersModel[] = [];
            try {
              let model: tf.LayersModel;
              if (whole) owned.push((model = await deserialiseModel(whole)));
              else {
                const probe = await probeAsModel((run.source as { id: string }).id, head!);
                owned.push(...probe.owned);
                model = probe.model;
              }
              out.runs.push({ runId: run.id, runName: run.name, maps: await saliency(model, x) });
            } finally {
              disposeModels(...owned);
            }
          }
        } finally {
          x.dispose();
        }
      });
      return Comlink.transfer(out, [image.pixels.buffer as ArrayBuffer]);
    });
  },
  keptRuns: () => keptRuns.list(),
  trainedModel: (runId) => trainedModels.get(runId) ?? null,
  async exportModel(runId) {
    return serialised(async () => {
      const run = latest?.runs.find((r) => r.id === runId);
      const whole = trainedModels.get(runId);
      if (whole) return whole;
      const head = trainedHeads.get(runId);
      if (!run || !head) return { unavailable: 'not-trained' as const };
      if (run.source?.kind !== 'zoo') return { unavailable: 'external-source' as const };
      const probe = await probeAsModel(run.source.id, head);
      try {
        return await serialiseModel(probe.model);
      } finally {
        disposeModels(...probe.owned);
      }
    });
  },
  async exportPython(draft, uploaded, draftSources) {
    return serialised(async () => {
      const config = checked(draft);
      const sources = checkedSources(draftSources);
      const result = await exportExperimentAsPython(config, async (cfg) => withSourceTask(await targetData(cfg, uploaded), cfg, registry, datasets), registry, { sources });
      if (!result.ok) return { ok: false as const, reasons: result.reasons.map(refusalMessage) };
      const zip = zipProject(result.files, 'transfer-lab-pytorch');
      return Comlink.transfer({ ok: true as const, zip, notes: result.notes.map(refusalMessage) }, [zip.buffer as ArrayBuffer]);
    });
  },
  async evaluateAsIs(key, draft, uploaded) {
    return serialised(async () => {
      const config = checked(draft);
      const data = uploaded ? await targetData(config, uploaded) : await prepared(config);
      const { model, info } = await registry.loadExternal(key);
      try {
        return await onBackend(inferenceBackend(backends, info.side), () => accuracyAsIs(model, { side: info.side, range: info.range, channels: info.channels }, data.val));
      } finally {
        model.dispose();
      }
    });
  },
  discardRuns: (keys) => keptRuns.discard(keys),
  fuse: (keys) => keptRuns.fuse(keys),
  soup: (keys, mode, force) => keptRuns.soup(keys, mode, force),
  pause: () => control?.pause(),
  resume: () => control?.resume(),
  stop: () => control?.stop(),
  memory: () => {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes, embeddings: { count: embeddingCache.size, dims: embeddingCache.dims, bytes: embeddingCache.bytes, backbones: embeddingCache.backboneKeys.length }, kept: keptRuns.usage() };
  },
};

Comlink.expose(api);
// The script has run: from here on the page can tell a slow start from a hung one.
reportPhase('ready');
