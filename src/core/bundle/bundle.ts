import { strToU8, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import type { ExperimentConfig } from '../config/experiment';
import { openPayload, type SharedResults } from '../share/link';
import type { ClassMark } from '../classBoard/classMark';
import { BoardSchema, type Board } from '../classBoard/board';
import { readZip, type SkipReason, type ZipFailure, type ZipLimits, BUNDLE_LIMITS } from './zipSafety';
import type { Msg } from '../messages';

/**
 * A bundle is a plain zip an experiment on the user's own images can travel in:
 *   experiment.json        { app, bundleVersion, config, results?, class?, board? }
 *   images/<class>/<file>  the images in ImageFolder layout (PNG), as PyTorch's ImageFolder reads them
 *   models/<run>/          optionally each run's trained model as TF.js layers files (model.json + weights.bin)
 * Import treats it as hostile: the zip is read by zipSafety, experiment.json is validated like a
 * link, and every image goes through the normal upload decode (with its per-file messages).
 */

export const BUNDLE_VERSION = 1;
const MANIFEST = 'experiment.json';

const ManifestSchema = z.strictObject({
  app: z.literal('transfer-lab'),
  bundleVersion: z.number().int().min(1),
  config: z.unknown(),
  results: z.unknown().optional(),
  /** A student's class mark (core/classBoard/classMark.ts). */
  class: z.unknown().optional(),
  /** The class board saved with the experiment (core/classBoard/board.ts). */
  board: z.unknown().optional(),
});

/** A folder or file name made safe for a zip path (and for every OS it may be unpacked on). */
export function safeName(name: string): string {
  const clean = name
    .replace(/[\p{Cc}/\\:*?"<>|]/gu, '_')
    .replace(/^\.+/, '_')
    .trim();
  return clean.slice(0, 120) || '_';
}

export interface BundleImage {
  className: string;
  /** File name in the bundle (made unique per class here). */
  name: string;
  png: Uint8Array;
}

export interface BundleModel {
  runId: string;
  modelJson: string;
  weights: Uint8Array;
}

/** What a bundle carries besides the experiment and its results: a student's class mark, the class board. */
export interface BundleParts {
  class?: ClassMark | null;
  board?: Board | null;
}

export function writeBundle(
  config: ExperimentConfig,
  results: SharedResults | null,
  images: readonly BundleImage[],
  models: readonly BundleModel[] = [],
  parts: BundleParts = {},
): Uint8Array {
  const manifest = {
    app: 'transfer-lab',
    bundleVersion: BUNDLE_VERSION,
    config,
    ...(results ? { results } : {}),
    ...(parts.class ? { class: parts.class } : {}),
    ...(parts.board ? { board: parts.board } : {}),
  };
  const files: Zippable = { [MANIFEST]: [strToU8(JSON.stringify(manifest, null, 2)), { level: 6 }] };
  const used = new Set<string>();
  for (const image of images) {
    const folder = safeName(image.className);
    const stem = safeName(image.name.replace(/\.[^.]+$/, ''));
    let path = `images/${folder}/${stem}.png`;
    for (let n = 2; used.has(path.toLowerCase()); n++) path = `images/${folder}/${stem}-${n}.png`;
    used.add(path.toLowerCase());
    // PNGs are compressed already: stored, not deflated again.
    files[path] = [image.png, { level: 0 }];
  }
  for (const m of models) {
    files[`models/${safeName(m.runId)}/model.json`] = [strToU8(m.modelJson), { level: 6 }];
    files[`models/${safeName(m.runId)}/weights.bin`] = [m.weights, { level: 6 }];
  }
  return zipSync(files);
}

export type BundleFailure =
  ZipFailure | 'no-manifest' | 'bad-manifest' | 'newer-version' | 'invalid-config' | 'invalid-results' | 'invalid-class' | 'invalid-board';

export interface OpenedBundle {
  config: ExperimentConfig;
  results: SharedResults | null;
  class: ClassMark | null;
  board: Board | null;
  /** Image files by class folder, in the zip's order, for the upload pipeline to decode. */
  images: { className: string; name: string; bytes: Uint8Array }[];
  /** Entries left out, each with why (unsafe paths, symlinks, nested zips, files outside images/). */
  skipped: { path: string; reason: SkipReason | 'outside-images' | 'trained-model' }[];
}

export function openBundle(
  bytes: Uint8Array,
  limits: ZipLimits = BUNDLE_LIMITS,
): { ok: true; bundle: OpenedBundle } | { ok: false; code: BundleFailure; detail?: Msg } {
  const zip = readZip(bytes, limits);
  if (!zip.ok) return zip;
  const { files, skipped } = zip.read;
  const manifestFile = files.find((f) => f.path === MANIFEST);
  if (!manifestFile) return { ok: false, code: 'no-manifest' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestFile.bytes));
  } catch {
    return { ok: false, code: 'bad-manifest' };
  }
  const manifest = ManifestSchema.safeParse(json);
  if (!manifest.success) return { ok: false, code: 'bad-manifest' };
  if (manifest.data.bundleVersion > BUNDLE_VERSION) return { ok: false, code: 'newer-version' };
  const { board: rawBoard, ...payload } = manifest.data;
  const opened = openPayload(payload);
  if (!opened.ok) return opened;
  const board = rawBoard === undefined ? null : BoardSchema.safeParse(rawBoard);
  if (board && !board.success) return { ok: false, code: 'invalid-board' };
  const { config, results, class: mark } = opened.payload;
  const images: OpenedBundle['images'] = [];
  const outside: OpenedBundle['skipped'] = [];
  for (const f of files) {
    if (f.path === MANIFEST) continue;
    const parts = f.path.split('/');
    // Trained models are for the user to take elsewhere (or load as their own model): not imported.
    if (parts[0] === 'models') {
      outside.push({ path: f.path, reason: 'trained-model' });
      continue;
    }
    if (parts.length !== 3 || parts[0] !== 'images' || !parts[1] || !parts[2]) {
      outside.push({ path: f.path, reason: 'outside-images' });
      continue;
    }
    images.push({ className: parts[1], name: parts[2], bytes: f.bytes });
  }
  return { ok: true, bundle: { config, results, class: mark, board: board?.data ?? null, images, skipped: [...skipped, ...outside] } };
}
