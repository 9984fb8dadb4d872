/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { SharedResults } from '../../core/share/link';
import type { BundleModel, BundleParts } from '../../core/bundle/bundle';
import type { ZipLimits } from '../../core/bundle/zipSafety';
import { createZipJobs, type OpenResult, type RawImage, type ReadResult } from '../../platform/zip/zipJobs';

/** Zips written and read off the page's thread (zipJobs.ts says why). Results are Blobs and Files, which cross by reference. */
const jobs = createZipJobs();
const api = {
  ready: jobs.ready,
  begin: jobs.begin,
  add: (batch: readonly RawImage[]) => jobs.add(batch),
  finish: (config: ExperimentConfig, results: SharedResults | null, models: readonly BundleModel[], parts?: BundleParts) =>
    jobs.finish(config, results, models, parts),
  open: (file: Blob): Promise<OpenResult> => jobs.open(file),
  read: (file: Blob, limits: ZipLimits): Promise<ReadResult> => jobs.read(file, limits),
};
export type ZipWorkerApi = typeof api;
Comlink.expose(api);
