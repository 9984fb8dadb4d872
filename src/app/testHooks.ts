import { parseConfig, type ExperimentConfig, type Source } from '../core/config/experiment';
import type { ScoreRow } from '../workers/engine/api';
import type { EngineEvent, EpochMetrics, RunKind, WiseFtPoint } from '../core/train/events';
import { Comlink, engineFaults, getEngine } from '../platform/engine/engineClient';
import { usePanelFaults } from '../ui/PanelBoundary';
import { latestExperimentKeys } from '../core/fusion/keptRunKeys';
import { storageFaults } from '../lab/persist/db';
import { useUploadStore } from '../lab/uploads/uploadStore';
import { useZooStore } from '../lab/zooStore';
import { useRunStore } from '../lab/runStore';
import { useStudyStore } from '../lab/studyStore';
import { render } from '../i18n';

/** One finished run, as a calibration reads it. */
export interface HookRun {
  id: string;
  kind: RunKind;
  epochs: EpochMetrics[];
  wiseft: WiseFtPoint[] | null;
}

/**
 * `window.__transferLab`: what end-to-end tests need that no button offers — faults (a hung
 * worker, a lost WebGL context, a panel that fails to render), the engine's tensor count, and
 * the engine itself for calibrations that check a preset's claim over seeds without paying for
 * clicks and chart redraws. Nothing here touches the user's data; all of it is harmless to call.
 */
const hooks = {
  hangEngine: () => engineFaults.hang(),
  engineAnswered: () => engineFaults.answered(),
  /** Where the lab is: the run's phase and error, and the study's status and seed. */
  labState() {
    const run = useRunStore.getState();
    const study = useStudyStore.getState();
    return {
      phase: run.phase,
      error: run.error && render(run.error),
      runs: run.runs.map((r) => `${r.info.id}:${r.status}`),
      study: { kind: study.kind, status: study.status, current: study.current, total: study.total, done: study.runs.length },
    };
  },
  /** Where the engine is: its worker's number, whether it is ready, measuring its backends, and its notice. */
  engineState() {
    const s = useZooStore.getState();
    const b = s.backend;
    return {
      generation: s.generation,
      workers: engineFaults.spawned(),
      ready: b !== null,
      recalibrating: s.recalibrating,
      zooListed: s.status === 'ready',
      notice: s.engineNotice?.state ?? null,
      backend: b && {
        device: b.backend,
        training: b.training,
        embedding: b.inference,
        wasmThreads: b.wasmThreads,
        fallback: b.fallbackReason && render(b.fallbackReason),
      },
    };
  },
  loseWebgl: () => engineFaults.loseWebgl(),
  memory: () => getEngine().memory(),
  breakPanel: (panel: string) => usePanelFaults.setState((s) => ({ broken: [...s.broken, panel] })),
  /** The uploaded classes with a SHA-256 of each image's stored pixels (both sizes), to compare round trips. */
  async uploadsDigest() {
    const hex = async (b: Uint8Array | null) =>
      b
        ? [...new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>))]
            .map((x) => x.toString(16).padStart(2, '0'))
            .join('')
        : null;
    return Promise.all(
      useUploadStore.getState().classes.map(async (c) => ({
        name: c.name,
        images: await Promise.all(
          c.images.map(async (i) => ({ name: i.name, pixels: await hex(i.pixels), large: await hex(i.pixelsLarge) })),
        ),
      })),
    );
  },
  /** The next IndexedDB write fails as it does when the browser's storage is full. */
  failNextSave: () => void (storageFaults.nextWrite = 'QuotaExceededError'),
  /** Transferability scores of `sources` for the config's target, straight from the worker. */
  async scoreSources(draft: ExperimentConfig, sources: Source[]): Promise<ScoreRow[]> {
    const parsed = parseConfig(draft);
    if (!parsed.ok) throw new Error(render(parsed.error));
    const rows: ScoreRow[] = [];
    await getEngine().scoreSources(
      parsed.config,
      null,
      sources,
      Comlink.proxy((r: ScoreRow) => void rows.push(r)),
    );
    return rows;
  },
  /** Runs one config through the worker (validated like a Train click), with one transfer run per source if given; resolves with its runs. */
  async runConfig(draft: ExperimentConfig, sources?: Source[]): Promise<{ runs: HookRun[]; error: string | null }> {
    const parsed = parseConfig(draft);
    if (!parsed.ok) return { runs: [], error: render(parsed.error) };
    const runs = new Map<string, HookRun>();
    let error: string | null = null;
    const onEvents = Comlink.proxy((events: EngineEvent[]) => {
      for (const e of events) {
        if (e.type === 'setup') for (const r of e.runs) runs.set(r.id, { id: r.id, kind: r.kind, epochs: [], wiseft: null });
        else if (e.type === 'epoch') runs.get(e.runId)?.epochs.push(e.metrics);
        else if (e.type === 'wiseft') runs.get(e.runId)!.wiseft = e.points;
        else if (e.type === 'error') error = render(e.message);
      }
    });
    await getEngine().start(parsed.config, null, onEvents, sources);
    return { runs: [...runs.values()], error };
  },
  /** Grad-CAM and input gradients of one validation image of the latest experiment, for each of its runs. */
  saliency: (valIndex: number) => getEngine().saliency(valIndex),
  /** Fuses every kept run of the latest experiment (keys are `experiment:runId`), as the fusion panel would. */
  async fuseLatest() {
    const keys = latestExperimentKeys(await getEngine().keptRuns());
    return { keys, result: await getEngine().fuse(keys) };
  },
};

export type TestHooks = typeof hooks;

export function installTestHooks(): void {
  (globalThis as unknown as { __transferLab: TestHooks }).__transferLab = hooks;
}
