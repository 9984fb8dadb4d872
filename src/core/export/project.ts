import { strToU8, zipSync, type Zippable } from 'fflate';
import { hashBytes } from '../hash';
import type { ImageSet } from '../data/imageSet';
import { imageSize } from '../data/imageSet';
import { encodeNpz, ZIP_MTIME, type NpyArray } from './npy';
import { encodePng } from './png';
import { MAX_EXPORT_IMAGE_BYTES } from './refusals';
import type { ExportRun } from './runs';
import { bug } from '../messages';
import type { ProjectFiles, PythonExportInput, PythonExportResult, SeedExport } from './projectTypes';
import { writeProjectText } from './projectText';

// The types live in their own module (the text writer shares them); importable from here as before.
export { PYTHON_EXPORT_FORMAT, type ProjectFiles, type PythonExportInput, type PythonExportResult, type SeedExport } from './projectTypes';

/** `<index>_<name>` so that ImageFolder's alphabetical class order is the lab's class order. */
export function classFolders(classNames: readonly string[]): string[] {
  const width = String(Math.max(classNames.length - 1, 0)).length;
  const used = new Set<string>();
  return classNames.map((name, i) => {
    const safe =
      name
        .normalize('NFC')
        .replace(/[^\p{L}\p{N}._-]+/gu, '_')
        .replace(/^[._]+/, '')
        .slice(0, 48) || 'class';
    let folder = `${String(i).padStart(width, '0')}_${safe}`;
    for (let k = 2; used.has(folder.toLowerCase()); k++) folder = `${String(i).padStart(width, '0')}_${safe}_${k}`;
    used.add(folder.toLowerCase());
    return folder;
  });
}

/** One split as data/<split>/<class folder>/<index>.png: the file name is the image's index in the lab's split. */
function writeSplit(files: Record<string, Uint8Array>, dir: string, set: ImageSet, folders: readonly string[]): void {
  const size = imageSize(set);
  const width = String(Math.max(set.labels.length - 1, 0)).length;
  for (let i = 0; i < set.labels.length; i++) {
    const png = encodePng(set.pixels.subarray(i * size, (i + 1) * size), set.width, set.height, set.channels);
    files[`${dir}/${folders[set.labels[i]]}/${String(i).padStart(width, '0')}.png`] = png;
  }
}

const setBytes = (set: ImageSet | null | undefined) => (set ? set.pixels.length : 0);
const setHash = (set: ImageSet | null | undefined) =>
  set
    ? hashBytes([
        set.pixels,
        new Uint8Array(set.labels.buffer, set.labels.byteOffset, set.labels.byteLength),
        strToU8(`${set.width}x${set.height}x${set.channels}`),
      ])
    : '-';

function labelCsv(s: SeedExport): string {
  const rows = ['index,label,true_label,flipped'];
  s.train.labels.forEach((l, i) => rows.push(`${i},${l},${s.trueTrainLabels?.[i] ?? l},${s.noisy?.[i] ?? 0}`));
  return `${rows.join('\n')}\n`;
}

/**
 * Where each seed's data lives: data/ for the first seed and every seed that drew the same images,
 * data/seed-<s>/ for the first seed that drew other ones (each seed's images hashed once).
 */
function seedDataDirs(seeds: readonly SeedExport[]): string[] {
  const keys = seeds.map((x) => [x.train, x.val, x.shifted, x.sourceEval].map(setHash).join('|'));
  return keys.map((key) => {
    const first = keys.indexOf(key);
    return first === 0 ? 'data' : `data/seed-${seeds[first].seed}`;
  });
}

/** The images (and label bookkeeping) of every seed that drew its own data, under its data dir. */
function writeSeedData(files: ProjectFiles, unique: readonly { seed: SeedExport; dir: string }[], folders: readonly string[]): void {
  for (const { seed: s, dir } of unique) {
    writeSplit(files, `${dir}/train`, s.train, folders);
    writeSplit(files, `${dir}/val`, s.val, folders);
    if (s.shifted) writeSplit(files, `${dir}/shifted`, s.shifted, folders);
    if (s.sourceEval) writeSplit(files, `${dir}/source_eval`, s.sourceEval, classFolders(s.sourceEval.classNames));
    files[`${dir}/train_labels.csv`] = strToU8(labelCsv(s));
  }
}

/** One run's initial weights as `<weightsDir>/<id>.npz` (its TF.js outputs go into `expected`); returns its experiment.json entry. */
function writeRun(files: ProjectFiles, r: ExportRun, weightsDir: string, expected: Record<string, NpyArray>) {
  const arrays: Record<string, NpyArray> = { ...r.model.weights };
  if (r.sourceTask) {
    arrays['__source_head__.weight'] = r.sourceTask.weight;
    arrays['__source_head__.bias'] = r.sourceTask.bias;
  }
  files[`${weightsDir}/${r.id}.npz`] = encodeNpz(arrays);
  expected[`${r.id}.logits`] = r.expected.logits;
  expected[`${r.id}.probs`] = r.expected.probs;
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    description: r.description,
    view: r.view,
    trainingMode: r.trainingMode,
    backboneLrMultiplier: r.backboneLrMultiplier,
    weights: `${weightsDir}/${r.id}.npz`,
    params: r.model.params,
    sourceTask: r.sourceTask && {
      featureNode: 'gap',
      l2sp: r.sourceTask.l2sp,
      lwf: r.sourceTask.lwf,
      temperature: r.sourceTask.temperature,
    },
    graph: r.model.graph,
  };
}

/** A seed's weights under weights/seed-<s>/ (its runs, then expected.npz); returns its experiment.json entry. */
function writeSeedWeights(files: ProjectFiles, s: SeedExport, dataDir: string) {
  const weightsDir = `weights/seed-${s.seed}`;
  const expected: Record<string, NpyArray> = {};
  const runs = s.runs.map((r) => writeRun(files, r, weightsDir, expected));
  files[`${weightsDir}/expected.npz`] = encodeNpz(expected);
  return {
    seed: s.seed,
    data: dataDir,
    shifted: !!s.shifted,
    sourceEval: s.sourceEval ? { classNames: [...s.sourceEval.classNames], classFolders: classFolders(s.sourceEval.classNames) } : null,
    counts: { train: s.train.labels.length, val: s.val.labels.length, shifted: s.shifted?.labels.length ?? 0 },
    expected: `${weightsDir}/expected.npz`,
    runs,
  };
}

/**
 * The project's files (path → bytes), from plain data: images, converted networks, the config.
 * Pure and synchronous (no TF.js): everything model-related was read by buildExportRuns.
 * Files are written in a fixed order (data, weights, text): the zip's bytes follow it.
 */
export function exportPythonProject(input: PythonExportInput, limits: { maxImageBytes?: number } = {}): PythonExportResult {
  const { config, seeds } = input;
  if (!seeds.length) throw bug('exportPythonProject needs at least one seed.');
  const dirs = seedDataDirs(seeds);
  const unique = seeds.map((seed, i) => ({ seed, dir: dirs[i] })).filter((_, i) => dirs.indexOf(dirs[i]) === i);
  const bytes = unique.reduce(
    (n, { seed: s }) => n + setBytes(s.train) + setBytes(s.val) + setBytes(s.shifted) + setBytes(s.sourceEval),
    0,
  );
  const max = limits.maxImageBytes ?? MAX_EXPORT_IMAGE_BYTES;
  if (bytes > max)
    return {
      ok: false,
      reasons: [{ code: 'export.tooLarge', params: { megabytes: Math.ceil(bytes / 2 ** 20), limit: Math.floor(max / 2 ** 20) } }],
    };

  const folders = classFolders([...seeds[0].train.classNames]);
  const files: ProjectFiles = {};
  writeSeedData(files, unique, folders);
  const seedEntries = seeds.map((s, i) => writeSeedWeights(files, s, dirs[i]));
  const notes = writeProjectText(files, config, seeds, dirs, folders, seedEntries);
  return { ok: true, files, notes };
}

/** The files as one zip under `folder/`; PNG and npz are stored (already compressed or incompressible), text deflated. */
export function zipProject(files: Readonly<Record<string, Uint8Array>>, folder = 'transfer-lab-pytorch'): Uint8Array {
  const tree: Zippable = {};
  for (const [path, bytes] of Object.entries(files))
    tree[`${folder}/${path}`] = [bytes, { level: /\.(png|npz)$/.test(path) ? 0 : 6, mtime: ZIP_MTIME }];
  return zipSync(tree);
}
