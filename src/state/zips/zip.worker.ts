/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { SharedResults } from '../../core/share/link';
import type { BundleModel } from '../../core/bundle/bundle';
import type { ZipLimits } from '../../core/bundle/zipSafety';
import { buffersOf, createZipJobs, type OpenResult, type RawImage, type ReadResult } from './zipJobs';

/** Zips written and read off the page's thread (zipJobs.ts says why). Results are transferred, not copied. */
const jobs = createZipJobs();
const api = {
  ready: jobs.ready,
  begin: jobs.begin,
  add: (batch: readonly RawImage[]) => jobs.add(batch),
  finish(config: ExperimentConfig, results: SharedResults | null, models: readonly BundleModel[]) {
    const done = jobs.finish(config, results, models);
    return Comlink.transfer(done, [done.zip.buffer as ArrayBuffer]);
  },
  open(bytes: Uint8Array): OpenResult {
    const r = jobs.open(bytes);
    return r.ok ? Comlink.transfer(r, buffersOf(r.bundle.images.map((i) => i.bytes))) : r;
  },
  read(bytes: Uint8Array, limits: ZipLimits): ReadResult {
    const r = jobs.read(bytes, limits);
    return r.ok ? Comlink.transfer(r, buffersOf(r.read.files.map((f) => f.bytes))) : r;
  },
};
export type ZipWorkerApi = typeof api;
Comlink.expose(api);
