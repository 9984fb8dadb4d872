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
  finish: (config: ExperimentConfig, results: SharedResults | null, models: readonly BundleModel[]) => jobs.finish(config, results, models),
  // Blobs and Files cross by reference; only the model zip's raw entries are transferred.
  open: (file: Blob): Promise<OpenResult> => jobs.open(file),
  async read(file: Blob, limits: ZipLimits): Promise<ReadResult> {
    const r = await jobs.read(file, limits);
    return r.ok ? Comlink.transfer(r, buffersOf(r.read.files.map((f) => f.bytes))) : r;
  },
};
export type ZipWorkerApi = typeof api;
Comlink.expose(api);
