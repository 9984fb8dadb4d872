/// <reference lib="webworker" />
import '../../core/config/zodSetup';
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { DatasetStore } from '../../core/data/datasetRef';
import { ModelRegistry } from '../../core/models/registry';
import { pickJobBackends, wasmOnOneThread } from './jobBackends';
import type { EngineApi, StartLimits } from './api';
import { reportPhase } from './phase';
import { coded } from '../../core/messages';
import { backendInfo, pickBackend, webglContext } from './deviceBackend';
import { serialised, session } from './session';
import { previewHandlers } from './previewHandlers';
import { experimentHandlers } from './experimentHandlers';
import { analysisHandlers } from './analysisHandlers';
import { exportHandlers } from './exportHandlers';

/**
 * The engine's worker: the API the page calls, assembled from handler groups (previews,
 * experiments, analysis, exports) over one session; here only start-up, models, kept runs,
 * run control and the heartbeat.
 */
const api: EngineApi = {
  ping: () => Date.now(),
  debugHang() {
    // Fault injection for the tests' build only (npm run build:test); a no-op in the build users get.
    if (import.meta.env.VITE_TEST_HOOKS !== '1') return;
    // Deliberately never returns: the page's heartbeat must notice and replace this worker.
    for (;;) {
      /* spin */
    }
  },
  debugLoseWebgl() {
    if (import.meta.env.VITE_TEST_HOOKS !== '1') return false;
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
    session.registry = new ModelRegistry(fetchBytes);
    session.datasets = new DatasetStore(fetchBytes);
    session.deviceBackend = await pickBackend(limits.noWebgl);
    if (limits.singleThread) wasmOnOneThread();
    return backendInfo(await pickJobBackends(calibration, false, measureNow));
  },
  recalibrate() {
    if (!session.deviceBackend) throw coded('err.engine.notInitialised');
    const device = session.deviceBackend.backend;
    // After whatever is in flight: switching backends under a running experiment would move its tensors.
    return serialised(async () => {
      await tf.setBackend(device);
      return backendInfo(await pickJobBackends(null, true));
    });
  },
  listZoo: () => session.registry.listModels(),
  registerModel: (key, files, range, familyDefault, labels, attempt) =>
    session.registry.register(key, files, range, familyDefault, labels, attempt),
  keptRuns: () => session.keptRuns.list(),
  discardRuns: (keys) => session.keptRuns.discard(keys),
  fuse: (keys) => session.keptRuns.fuse(keys),
  soup: (keys, mode, force) => session.keptRuns.soup(keys, mode, force),
  pause: () => session.control?.pause(),
  resume: () => session.control?.resume(),
  stop: () => session.control?.stop(),
  memory: () => {
    const m = tf.memory();
    return {
      numTensors: m.numTensors,
      numBytes: m.numBytes,
      embeddings: {
        count: session.embeddingCache.size,
        dims: session.embeddingCache.dims,
        bytes: session.embeddingCache.bytes,
        backbones: session.embeddingCache.backboneKeys.length,
      },
      kept: session.keptRuns.usage(),
    };
  },
  ...previewHandlers,
  ...experimentHandlers,
  ...analysisHandlers,
  ...exportHandlers,
};

Comlink.expose(api);
// The script has run: from here on the page can tell a slow start from a hung one.
reportPhase('ready');
