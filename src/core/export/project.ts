import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ExperimentConfig } from '../config/experiment';
import { enabledKinds } from '../augment/schema';
import { hashBytes } from '../hash';
import type { ImageSet } from '../data/imageSet';
import { imageSize } from '../data/imageSet';
import { encodeNpz, ZIP_MTIME, type NpyArray } from './npy';
import { encodePng } from './png';
import { MAX_EXPORT_IMAGE_BYTES, SUPPORTED_OPTIONS, type ExportNote, type ExportRefusal } from './refusals';
import type { ExportRun } from './runs';
import { PYTHON_FILES } from './python';
import { bug } from '../messages';

/** Bumped whenever experiment.json or the Python files change meaning. */
export const PYTHON_EXPORT_FORMAT = 1;

/** What one seed of the study trained on, and its runs at their initial weights. */
export interface SeedExport {
  seed: number;
  train: ImageSet;
  val: ImageSet;
  shifted: ImageSet | null;
  /** Held-out source images of the forgetting meter, if the config tracks forgetting. */
  sourceEval?: ImageSet | null;
  /** Label-noise bookkeeping (TargetData): the true label of each training image and which were flipped. */
  trueTrainLabels?: Uint16Array;
  noisy?: Uint8Array;
  runs: ExportRun[];
}

export interface PythonExportInput {
  /** The config as the lab ran it (its seed is the first seed). */
  config: ExperimentConfig;
  /** One entry per seed of the study (config.seeds), in order. */
  seeds: SeedExport[];
}

export type PythonExportResult =
  { ok: true; files: Record<string, Uint8Array>; notes: ExportNote[] } | { ok: false; reasons: ExportRefusal[] };

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

function notesFor(config: ExperimentConfig): ExportNote[] {
  const notes: ExportNote[] = [];
  const b = config.bias;
  if (b.samplesPerClass !== 'all' || b.imbalanceRatio > 1 || b.labelNoise.fraction > 0) notes.push({ code: 'export.note.biasViaData' });
  if (b.shift.kind !== 'none') notes.push({ code: 'export.note.shiftViaData', params: { kind: b.shift.kind, severity: b.shift.severity } });
  if (config.preprocess.invert || config.preprocess.normalise) notes.push({ code: 'export.note.preprocessViaData' });
  if (config.split.blendFraction > 0) notes.push({ code: 'export.note.blendNotTrained' });
  if (config.augmentations.noise.enabled && config.augmentations.noise.p > 0) notes.push({ code: 'export.note.noiseStream' });
  if (config.target.kind === 'upload') notes.push({ code: 'export.note.uploadsIncluded' });
  return notes;
}

const NOTE_TEXT: Record<string, string> = {
  'export.note.biasViaData':
    'The bias knobs (few-shot cap, imbalance, label noise) are reproduced by the data itself: data/train is the training split after the knobs, with the (possibly flipped) labels the lab trained on; data/train_labels.csv lists the true label of each image.',
  'export.note.shiftViaData': 'The shifted evaluation set is exported as the lab built it (data/shifted).',
  'export.note.preprocessViaData': 'The target preprocessing (invert / normalise) is already applied to every exported image.',
  'export.note.blendNotTrained':
    'The lab set a blend split aside for fusion: those images are not in data/train (the lab does not train on them) and are not exported.',
  'export.note.noiseStream':
    "Gaussian-noise augmentation draws TF.js's own random stream (labrng.py), so the noise is the lab's; in pure Python that is slow on large images: --noise torch uses torch.randn instead.",
  'export.note.uploadsIncluded':
    'The images are your own uploads, included in data/: share this project only with people who may see them.',
};

function readme(config: ExperimentConfig, seeds: SeedExport[], notes: ExportNote[], names: { source: string; target: string }): string {
  const first = seeds[0];
  const runs = first.runs
    .map(
      (r) =>
        `- \`${r.id}\` — ${r.name}: ${r.description} (input ${r.view.side}×${r.view.side}, ${r.view.channels === 1 ? 'grayscale' : 'RGB'}, range ${r.view.range === 'unit' ? '[0, 1]' : '[-1, 1]'})`,
    )
    .join('\n');
  const { epochs, batchSize, learningRate } = config.training;
  const aug = enabledKinds(config.augmentations);
  const dataDirs = [...new Set(seeds.map((s) => seedDataDir(seeds, s)))];
  return `# Transfer Lab experiment, as a PyTorch project

Source **${names.source}** → target **${names.target}**, ${first.train.labels.length} training and ${first.val.labels.length} validation images${first.shifted ? ` (+ ${first.shifted.labels.length} shifted)` : ''}, classes: ${first.train.classNames.join(', ')}.

Runs:
${runs}

Budget: ${epochs} epochs, batch ${batchSize}, learning rate ${learningRate} (Adam), seed${seeds.length > 1 ? `s ${seeds.map((s) => s.seed).join(', ')}` : ` ${first.seed}`}.
Augmentations: ${aug.length ? aug.map((k) => `${k} (p ${config.augmentations[k].p}, strength ${config.augmentations[k].strength})`).join(', ') : 'none'}.

## Run it

    pip install -r requirements.txt        # torch and numpy; nothing else is needed
    python train.py                         # CPU, or one GPU if PyTorch sees one
    python train.py --epochs 1 --device cpu # a quick look
    torchrun --nproc_per_node=2 train.py    # several processes / GPUs (DistributedDataParallel)
    python train.py --nproc 2               # the same job started without torchrun
    python check.py                         # the converted networks against TF.js's outputs

(torchrun of PyTorch 1.13 on Python 3.11, e.g. Debian's python3-torch, fails with
\`'NoneType' object has no attribute 'get'\`: add \`--redirects 2 --tee 2\`, or use \`--nproc\`.)

Per epoch and run, train.py prints what the lab shows: training loss and accuracy, validation loss
and accuracy${first.shifted ? ', accuracy on the shifted set' : ''}${first.sourceEval ? ', source-task accuracy (forgetting meter)' : ''}; at the end, the final validation accuracy of
every run and the transfer gain (transfer − scratch, in points)${seeds.length > 1 ? ', with its mean and 95% confidence interval over the seeds' : ''}.
\`--metrics-json out.json\` writes every figure (same field names as the lab's results), \`--save-dir\`
the trained weights. \`python train.py --help\` lists the overrides (epochs, batch size, learning rate, runs, device).

## What is reproduced, and how

- **Data**: ${dataDirs.map((d) => `\`${d}/\``).join(', ')} ${dataDirs.length > 1 ? 'hold' : 'holds'} the exact images the lab used, in ImageFolder layout
  (\`train/<class>/<i>.png\`, \`val/...\`${first.shifted ? ', `shifted/...`' : ''}${first.sourceEval ? ', `source_eval/...`' : ''}). Folder names start with the class index, so
  torchvision's \`ImageFolder\` sorts the classes in the lab's order; the file name is the image's index in the
  lab's split, which the lab's batch order refers to. The PNGs are lossless copies of the lab's 8-bit pixels.
${seeds.length > 1 && dataDirs.length > 1 ? '  Each seed of the study drew its own split: `data/seed-<s>/` holds the others.\n' : ''}- **Weights**: \`weights/seed-<s>/<run>.npz\` are the runs' initial weights converted from TF.js
  (Conv2D HWIO → OIHW, depthwise → grouped conv, Dense [in, out] → [out, in], BatchNorm moving statistics),
  including the lab's seeded initial head and scratch twin. \`model.py\` rebuilds the network from the graph in
  \`experiment.json\` with TensorFlow's semantics ('same' padding split as TF splits it, NHWC flatten order).
- **Training**: the lab's batch order (its seeded generator, ported in \`labrng.py\`), its augmentation draws
  (\`augment.py\`), Adam with ε = 1e-7 per learning-rate group, the loss on the softmax outputs clipped at 1e-7,
  the strategy's frozen layers and backbone learning rate. Under torchrun every process takes its share of each
  global batch, and the gradient is the global batch mean: N processes give the same run as one, up to float
  rounding. (\`--sampler torch\` uses DistributedSampler instead.)
- **Not exported**: ${SUPPORTED_OPTIONS.notReproduced.join('; ')}.
${notes.map((n) => `- ${NOTE_TEXT[n.code] ?? n.code}`).join('\n')}

Expect the curves to follow the lab's closely, not bit for bit: PyTorch and TF.js round floats differently,
and those differences grow over many steps.

\`config.json\` is the lab's experiment config: open it in Transfer Lab to run the same experiment there.
`;
}

/** Where a seed's data lives: data/ for the first seed and every seed that drew the same images. */
function seedDataDir(seeds: readonly SeedExport[], s: SeedExport): string {
  const key = (x: SeedExport) => [x.train, x.val, x.shifted, x.sourceEval].map(setHash).join('|');
  const firstSame = seeds.find((x) => key(x) === key(s))!;
  return firstSame === seeds[0] ? 'data' : `data/seed-${firstSame.seed}`;
}

type ProjectFiles = Record<string, Uint8Array>;

/** The images (and label bookkeeping) of every seed that drew its own data, under its data dir. */
function writeSeedData(
  files: ProjectFiles,
  seeds: readonly SeedExport[],
  dirs: readonly string[],
  unique: readonly SeedExport[],
  folders: readonly string[],
): void {
  for (const [i, s] of unique.entries()) {
    const dir = dirs[seeds.indexOf(unique[i])];
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

function strategyText(strategy: ExperimentConfig['strategy']): string {
  if (strategy.kind === 'fine-tune') return `fine-tune, top ${strategy.trainableBlocks} blocks`;
  return strategy.kind === 'full' ? `full, backbone lr x${strategy.backboneLrMultiplier}` : 'linear probe';
}

/** The project's files beside the data and weights: experiment.json, config.json, the Python files, requirements, README. */
function writeProjectText(
  files: ProjectFiles,
  config: ExperimentConfig,
  seeds: SeedExport[],
  folders: string[],
  seedEntries: ReturnType<typeof writeSeedWeights>[],
): ExportNote[] {
  const names = {
    source: config.source.kind === 'custom' ? config.source.name : config.source.id,
    target: config.target.kind === 'builtin' ? config.target.presetId : 'your images',
  };
  const notes = notesFor(config);
  const experiment = {
    format: 'transfer-lab-pytorch',
    formatVersion: PYTHON_EXPORT_FORMAT,
    sourceName: names.source,
    targetName: names.target,
    strategy: strategyText(config.strategy),
    classNames: [...seeds[0].train.classNames],
    classFolders: folders,
    training: config.training,
    augmentations: config.augmentations,
    notes: notes.map((n) => n.code),
    seeds: seedEntries,
  };
  files['experiment.json'] = strToU8(JSON.stringify(experiment, null, 1));
  files['config.json'] = strToU8(`${JSON.stringify(config, null, 2)}\n`);
  for (const [name, text] of Object.entries(PYTHON_FILES)) files[name] = strToU8(text);
  files['requirements.txt'] = strToU8(
    '# Any PyTorch from 1.10 on, CPU or CUDA build. No torchvision, no Pillow needed (Pillow only reads non-PNG images you add).\ntorch>=1.10\nnumpy\n',
  );
  files['README.md'] = strToU8(readme(config, seeds, notes, names));
  return notes;
}

/**
 * The project's files (path → bytes), from plain data: images, converted networks, the config.
 * Pure and synchronous (no TF.js): everything model-related was read by buildExportRuns.
 * Files are written in a fixed order (data, weights, text): the zip's bytes follow it.
 */
export function exportPythonProject(input: PythonExportInput, limits: { maxImageBytes?: number } = {}): PythonExportResult {
  const { config, seeds } = input;
  if (!seeds.length) throw bug('exportPythonProject needs at least one seed.');
  const dirs = seeds.map((s) => seedDataDir(seeds, s));
  const unique = seeds.filter((_, i) => dirs.indexOf(dirs[i]) === i);
  const bytes = unique.reduce((n, s) => n + setBytes(s.train) + setBytes(s.val) + setBytes(s.shifted) + setBytes(s.sourceEval), 0);
  const max = limits.maxImageBytes ?? MAX_EXPORT_IMAGE_BYTES;
  if (bytes > max)
    return {
      ok: false,
      reasons: [{ code: 'export.tooLarge', params: { megabytes: Math.ceil(bytes / 2 ** 20), limit: Math.floor(max / 2 ** 20) } }],
    };

  const folders = classFolders([...seeds[0].train.classNames]);
  const files: ProjectFiles = {};
  writeSeedData(files, seeds, dirs, unique, folders);
  const seedEntries = seeds.map((s, i) => writeSeedWeights(files, s, dirs[i]));
  const notes = writeProjectText(files, config, seeds, folders, seedEntries);
  return { ok: true, files, notes };
}

/** The files as one zip under `folder/`; PNG and npz are stored (already compressed or incompressible), text deflated. */
export function zipProject(files: Readonly<Record<string, Uint8Array>>, folder = 'transfer-lab-pytorch'): Uint8Array {
  const tree: Zippable = {};
  for (const [path, bytes] of Object.entries(files))
    tree[`${folder}/${path}`] = [bytes, { level: /\.(png|npz)$/.test(path) ? 0 : 6, mtime: ZIP_MTIME }];
  return zipSync(tree);
}
