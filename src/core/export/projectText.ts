import { strToU8 } from 'fflate';
import type { ExperimentConfig } from '../config/experiment';
import { enabledKinds } from '../augment/schema';
import { SUPPORTED_OPTIONS, type ExportNote } from './refusals';
import { PYTHON_FILES } from './python';
import { PYTHON_EXPORT_FORMAT, type ProjectFiles, type SeedExport } from './projectTypes';

// The exported project's text beside its data and weights: experiment.json, config.json, the Python files, requirements, README.

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

function readme(
  config: ExperimentConfig,
  seeds: SeedExport[],
  seedDirs: readonly string[],
  notes: ExportNote[],
  names: { source: string; target: string },
): string {
  const first = seeds[0];
  const runs = first.runs
    .map(
      (r) =>
        `- \`${r.id}\` — ${r.name}: ${r.description} (input ${r.view.side}×${r.view.side}, ${r.view.channels === 1 ? 'grayscale' : 'RGB'}, range ${r.view.range === 'unit' ? '[0, 1]' : '[-1, 1]'})`,
    )
    .join('\n');
  const { epochs, batchSize, learningRate } = config.training;
  const aug = enabledKinds(config.augmentations);
  const dataDirs = [...new Set(seedDirs)];
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

function strategyText(strategy: ExperimentConfig['strategy']): string {
  if (strategy.kind === 'fine-tune') return `fine-tune, top ${strategy.trainableBlocks} blocks`;
  return strategy.kind === 'full' ? `full, backbone lr x${strategy.backboneLrMultiplier}` : 'linear probe';
}

/** The project's files beside the data and weights: experiment.json, config.json, the Python files, requirements, README. */
export function writeProjectText(
  files: ProjectFiles,
  config: ExperimentConfig,
  seeds: SeedExport[],
  dataDirs: readonly string[],
  folders: string[],
  seedEntries: readonly object[],
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
  files['README.md'] = strToU8(readme(config, seeds, dataDirs, notes, names));
  return notes;
}
