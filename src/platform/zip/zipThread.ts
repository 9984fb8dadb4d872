import * as Comlink from 'comlink';
import type { ZipWorkerApi } from '../../workers/zip/zip.worker';
import { createZipJobs, type OpenResult, type ReadResult, type ZipJobs } from './zipJobs';
import { coded } from '../../core/messages';

/** The jobs as callers see them: every call a promise, wherever it runs. */
type Jobs = { [K in keyof ZipJobs]: (...args: Parameters<ZipJobs[K]>) => Promise<Awaited<ReturnType<ZipJobs[K]>>> };

/** How long the worker may take to start before the page does the work itself. */
const READY_TIMEOUT_MS = 10_000;

let jobs: Promise<Jobs> | null = null;

function onPage(): Jobs {
  const inline = createZipJobs();
  return {
    ready: async () => inline.ready(),
    begin: async () => inline.begin(),
    add: async (batch) => inline.add(batch),
    finish: async (...a) => inline.finish(...a),
    open: (file) => inline.open(file),
    read: (file, limits) => inline.read(file, limits),
  };
}

/**
 * The worker's jobs, each raced against the worker's end: Comlink never settles a call whose
 * worker died, and a bundle store left busy for ever would be worse than a message. A dead
 * worker is replaced at the next call.
 */
function inWorker(worker: Worker): Jobs {
  const remote = Comlink.wrap<ZipWorkerApi>(worker);
  const dead = new Promise<never>((_, reject) => {
    const die = () => {
      worker.terminate();
      jobs = null;
      reject(coded('err.zip.workerFailed'));
    };
    worker.addEventListener('error', die);
    worker.addEventListener('messageerror', die);
  });
  dead.catch(() => {});
  const raced =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      Promise.race([f(...a), dead]);
  return {
    ready: raced(() => remote.ready()),
    begin: raced(() => remote.begin()),
    add: raced((batch) => remote.add(batch)),
    finish: raced((...a) => remote.finish(...a)),
    // (Comlink's types split a union result into a union of promises: one promise of the union.)
    open: raced((file) => remote.open(file) as Promise<OpenResult>),
    read: raced((file, limits) => remote.read(file, limits) as Promise<ReadResult>),
  };
}

/** The zip worker, started at first use; the same jobs on the page where no worker starts (older browsers, unit tests). */
export function zipJobs(): Promise<Jobs> {
  jobs ??= (async () => {
    if (typeof Worker === 'undefined') return onPage();
    let worker: Worker | null = null;
    try {
      worker = new Worker(new URL('../../workers/zip/zip.worker.ts', import.meta.url), { type: 'module' });
      const remote = inWorker(worker);
      const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), READY_TIMEOUT_MS));
      if (await Promise.race([remote.ready(), late])) return remote;
    } catch {
      // A worker that cannot start (or died starting): the page does the work.
    }
    worker?.terminate();
    return onPage();
  })();
  return jobs;
}
