import * as Comlink from 'comlink';
import type { ZipWorkerApi } from './zip.worker';
import { createZipJobs, type ZipJobs } from './zipJobs';

/** The jobs as callers see them: every call a promise, wherever it runs. */
type Jobs = { [K in keyof ZipJobs]: (...args: Parameters<ZipJobs[K]>) => Promise<Awaited<ReturnType<ZipJobs[K]>>> };

/** How long the worker may take to start before the page does the work itself. */
const READY_TIMEOUT_MS = 10_000;

let jobs: Promise<Jobs> | null = null;

/** The zip worker, started at first use; the same jobs on the page where no worker starts (older browsers, unit tests). */
export function zipJobs(): Promise<Jobs> {
  jobs ??= (async () => {
    const inline = createZipJobs();
    const onPage: Jobs = {
      ready: async () => inline.ready(),
      begin: async () => inline.begin(),
      add: async (batch) => inline.add(batch),
      finish: async (...a) => inline.finish(...a),
      open: async (bytes) => inline.open(bytes),
      read: async (bytes, limits) => inline.read(bytes, limits),
    };
    if (typeof Worker === 'undefined') return onPage;
    try {
      const remote = Comlink.wrap<ZipWorkerApi>(new Worker(new URL('./zip.worker.ts', import.meta.url), { type: 'module' }));
      const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), READY_TIMEOUT_MS));
      return (await Promise.race([remote.ready(), late])) ? (remote as unknown as Jobs) : onPage;
    } catch {
      return onPage;
    }
  })();
  return jobs;
}
