import {
  openBundle,
  writeBundle,
  type BundleImage,
  type BundleModel,
  type OpenedBundle,
  type BundleFailure,
  type BundleParts,
} from '../../core/bundle/bundle';
import { readZip, type ZipFailure, type ZipLimits, type ZipRead } from '../../core/bundle/zipSafety';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { SharedResults } from '../../core/share/link';
import { encodePng } from '../../core/export/png';
import type { Msg } from '../../core/messages';

/**
 * The heavy work on zips: PNG-encoding a bundle's images, CRC-ing and zipping them, and reading
 * a bundle or a model zip back. A class-room set of photos makes a zip of tens of MB, and each
 * of these steps would hold the page for hundreds of ms; zip.worker.ts runs them off the page's
 * thread, and the page runs the very same jobs itself only where workers cannot start.
 */

/** An image as the upload store holds it: square RGB, row-major. */
export interface RawImage {
  className: string;
  name: string;
  pixels: Uint8Array;
  side: number;
}

/** A bundle's images as files, ready for the upload pipeline (made where the bytes are: no copy on the page). */
export type OpenedImages = Omit<OpenedBundle, 'images'> & { images: { className: string; name: string; file: File }[] };
export type OpenResult = { ok: true; bundle: OpenedImages } | { ok: false; code: BundleFailure; detail?: Msg };
/** A zip's entries as files named by their last path segment (made where the bytes are: no copy on the page). */
export type ReadResult = { ok: true; files: { path: string; file: File }[]; skipped: ZipRead['skipped'] } | { ok: false; code: ZipFailure };

const asFile = (bytes: Uint8Array, path: string) => new File([bytes as Uint8Array<ArrayBuffer>], path.split('/').pop()!);

export function createZipJobs() {
  // One bundle is written at a time (the store is busy meanwhile): its images, encoded as they arrive.
  let images: BundleImage[] = [];
  return {
    ready: () => true,
    /** Starts a bundle; any half-written one is dropped. */
    begin(): void {
      images = [];
    },
    /** Adds images to the bundle being written (sent in batches, so no one message copies them all). */
    add(batch: readonly RawImage[]): void {
      for (const im of batch) images.push({ className: im.className, name: im.name, png: encodePng(im.pixels, im.side, im.side, 3) });
    },
    /** The zip of what was added, with the config, results and trained models, as a Blob (crosses to the page by reference). */
    finish(
      config: ExperimentConfig,
      results: SharedResults | null,
      models: readonly BundleModel[],
      parts: BundleParts = {},
    ): { zip: Blob; images: number } {
      const zip = new Blob([writeBundle(config, results, images, models, parts) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
      const count = images.length;
      images = [];
      return { zip, images: count };
    },
    /** Reads the file here, not on the page: reading 100 MB into memory is one long task where it happens. */
    async open(file: Blob): Promise<OpenResult> {
      const opened = openBundle(new Uint8Array(await file.arrayBuffer()));
      if (!opened.ok) return opened;
      const { images: found, ...rest } = opened.bundle;
      return {
        ok: true,
        bundle: { ...rest, images: found.map((i) => ({ className: i.className, name: i.name, file: asFile(i.bytes, i.name) })) },
      };
    },
    /** Any zip's entries, under core/bundle/zipSafety's checks and these limits (a model zip's). */
    async read(file: Blob, limits: ZipLimits): Promise<ReadResult> {
      const r = readZip(new Uint8Array(await file.arrayBuffer()), limits);
      return r.ok
        ? { ok: true, files: r.read.files.map((f) => ({ path: f.path, file: asFile(f.bytes, f.path) })), skipped: r.read.skipped }
        : r;
    },
  };
}
export type ZipJobs = ReturnType<typeof createZipJobs>;
