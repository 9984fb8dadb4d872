/**
 * User-facing strings of the app shell and panels (per-file upload messages live beside this
 * file in uploads.en.ts). A zh module will mirror this object key for key.
 */
import type { ShiftKind } from '../core/data/bias';

/** What a message about a dead training worker needs (the browser's detail, how long a hung one was silent). */
export interface EngineDeathText {
  detail: string;
  silentS?: number;
}

export const en = {
  appTitle: 'Transfer Lab',
  tagline: 'Watch transfer learning work — and fail — in your browser.',
  privacy: 'Everything runs on this device. Your images never leave it.',
  backendNotice: (reason: string) => `Slow mode: ${reason}`,
  deviceBackendTitle: 'The graphics backend TF.js found on this device (webgl, or cpu without WebGL)',
  jobBackendsBadge: (embedding: string, training: string) => `embedding: ${embedding} — training: ${training}`,
  /** One backend with its threads: "wasm · 2 threads". */
  backendWithThreads: (backend: string, threads: number | null) =>
    backend === 'wasm' && threads ? `wasm · ${threads} ${threads === 1 ? 'thread' : 'threads'}` : backend,
  /** Embedding per model family when the two differ: "wasm (MobileNet) / webgl (zoo)". */
  embeddingByFamily: (large: string, small: string) => `${large} (MobileNet) / ${small} (zoo)`,
  jobBackendsTitle: (device: string, when: 'now' | 'earlier' | 'provisional' | 'unneeded') =>
    when === 'unneeded'
      ? `Nothing to measure on this device: wasm does every job it can (plain JavaScript on ${device} is never faster); the rest runs on ${device}.`
      : when === 'provisional'
        ? `Not measured on this device yet: a sensible choice for now. The lab times each backend when the page is idle and uses the fastest from the next run on. What wasm cannot train (MobileNet fine-tuning) trains on ${device}.`
        : `Measured on this device${when === 'now' ? ' just now' : ' on an earlier visit'}: each job runs on the fastest TF.js backend for it. What the fastest trainer cannot train (MobileNet fine-tuning on wasm) trains on ${device}.`,
  remeasure: 'Measure again',
  remeasureTitle: 'Time each backend again on this device (a few seconds without a GPU)',
  panelError: (detail: string) => `This panel ran into an error and could not be shown (${detail}). The rest of the lab keeps working.`,
  panelRetry: 'Try again',
  updateAvailable: 'A new version of Transfer Lab is available.',
  updateReload: 'Reload to update',
  offlineReady:
    'Transfer Lab is stored on this device: it now opens and trains the default experiment without a network (This device → Make available offline stores every dataset and model).',
  dismiss: 'Dismiss',
  source: {
    title: '1 · Source model',
    classes: (n: number) => `${n} classes`,
    accuracy: 'held-out accuracy',
    params: (n: number) => `${(n / 1000).toFixed(1)}k params`,
    loading: 'Loading the model zoo…',
    loadFailed: (m: string) => `The model zoo could not be loaded: ${m}`,
    trainedOn: 'Trained on',
    blocks: (blocks: readonly (string | number)[]) => `blocks ${blocks.join(', ')}`,
    recipe: 'Recipe',
    macs: (n: number) => `${(n / 1e6).toFixed(2)}M multiply-adds per image`,
    size: 'Size',
    trainedOnValue: (images: number, classes: string[]) => `${images.toLocaleString('en-US')} images · ${classes.join(', ')}`,
    accuracyValue: (pct: string, images: number) => `${pct} on ${images.toLocaleString('en-US')} held-out images`,
    recipeValue: (r: { epochs: number; learningRate: number; batchSize: number; seed: number }) =>
      `${r.epochs} epochs · Adam lr ${r.learningRate} · batch ${r.batchSize} · seed ${r.seed}`,
    zoo: 'Built-in zoo (32×32, pretrained by this project)',
    hosted: 'MobileNet (ImageNet, from Google’s hosted files)',
    hostedHint: 'For photos. Downloaded once, then cached in this browser and usable offline.',
    download: (mb: number) => `≈${mb} MB`,
    cachedBadge: 'cached · works offline',
    downloadingLabel: (done: number, total: number) => `Downloading ${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`,
    checking: 'Checking the model…',
    custom: 'Your own TF.js model',
    customHint:
      'A layers or graph model: model.json with its weight files, from a web address or from your disk — or a Teachable Machine export (model.json, weights.bin and metadata.json). Files stay on this device.',
    customUrl: 'model.json address',
    asIs: 'Check as is',
    asIsHint:
      'Your model’s own predictions on the target’s validation images, without cutting or training anything (its classes must be the target’s, in the same order)',
    asIsValue: (pct: string, images: number) => `${pct} on ${images} validation images, as is`,
    load: 'Load',
    chooseFiles: 'Choose model.json + weight files',
    /** Selects the own model the lab still holds (after another source was picked). */
    useLoaded: (name: string) => `Use your model again (${name})`,
    dropModel: 'or drop them here',
    format: 'Format',
    formatValue: (f: 'layers' | 'graph') =>
      f === 'layers' ? 'layers model (cut and fine-tune possible)' : 'graph model (frozen feature extractor: linear probe only)',
    input: 'Input',
    inputValue: (side: number, channels: number, range: 'unit' | 'symmetric') =>
      `${side}×${side}×${channels}, pixels scaled to ${range === 'unit' ? '[0, 1]' : '[−1, 1]'}`,
    cut: 'Cut at',
    cutOutput: (shape: number[]) => `output ${shape.join('×')} → global average pooling → ${shape[shape.length - 1]} features`,
    graphOutput: (n: number) => `${n} features per image`,
    parameters: (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M parameters` : `${(n / 1000).toFixed(1)}k parameters`),
    cancel: 'Cancel',
    busy: 'Training is running: stop it before loading another source model.',
    reloadAfterRestart: 'The training engine restarted and no longer holds this model: load it again (a cached model loads in seconds).',
    cacheFailed: (why: string) => `Loaded, but not stored for offline use (${why}): it will be downloaded again next time.`,
    stored: 'Stored on this device',
    storedHint: 'Models kept in this browser’s Cache Storage for offline use.',
    remove: 'Remove',
    removeLabel: (url: string) => `Remove ${url} from this device`,
    megabytes: (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`,
    labels: 'Classes',
    labelsValue: (labels: string[]) => `${labels.length}: ${labels.slice(0, 12).join(', ')}${labels.length > 12 ? ', …' : ''}`,
    frozenOutput: (model: string, n: number) => `${model} (frozen) → ${n} features per image`,
    baseline: 'Scratch baseline',
    baselineValue: 'the small built-in CNN at 32×32 (a MobileNet-sized model at 224 is too slow to train from scratch in a browser)',
  },
  target: {
    title: '2 · Target data',
    builtin: 'Built-in',
    upload: 'Your images',
    blend: (n: number) => ` · ${n} more set aside from training for fusion (the blend split)`,
    split: (train: number, val: number, pct: number, seed: number) =>
      `${train} training / ${val} validation images (${100 - pct}/${pct} stratified split, seed ${seed})`,
    perClass: (n: number) => `up to ${n} per class`,
  },
  gap: {
    title: 'Domain gap',
    hint: 'Before training: how far your images are from what the source model was trained on — the first kind of data bias.',
    measuring: 'Measuring the gap…',
    failed: (m: string) => `The domain gap could not be measured: ${m}`,
    levels: { small: 'small gap', moderate: 'moderate gap', large: 'large gap' },
    noSource:
      'The lab does not know what your own model was trained on, so it cannot measure the gap. Invert still works if your images are drawn the other way round from that model’s.',
    mmd: (value: number, bandwidth: number, dims: number, source: number, target: number) =>
      `MMD² = ${value.toFixed(3)} between the source network’s ${dims} features of ${source} of its own training images and of ${target} of yours (Gaussian kernel, width = median distance ${bandwidth.toFixed(2)}).`,
    mmdTitle:
      'Maximum mean discrepancy: how far apart two clouds of points are — 0 when both come from one distribution, up to 2. Above 0.05 the meter calls the gap moderate, above 0.2 large. Part of any distance is simply new classes (digits 5–9 are not 0–4); a different domain adds far more.',
    published:
      'MobileNet’s pixel figures are ImageNet’s published means and spreads; the lab has no ImageNet images, so there is no feature distance.',
    statsHead: { set: '', mean: 'mean', spread: 'spread', polarity: 'looks like' },
    sourceRow: 'source’s training images',
    publishedRow: 'ImageNet (published)',
    targetRow: 'your training images',
    polarity: { 'light-on-dark': 'light on dark', 'dark-on-light': 'dark on light', mixed: 'mixed' },
    reasons: {
      'polarity-flipped':
        'The source learned light strokes on a dark background, and these images are the other way round. Its filters fire on what it learned to ignore: expect negative transfer. Try Invert.',
      'brightness-shift': 'The images are much brighter or darker on average than the source’s. Try Normalise.',
      'contrast-shift': 'The images’ contrast differs a lot from the source’s. Try Normalise.',
      'feature-distance':
        'In the source network’s own feature space your images sit apart from its training images (MMD² above 0.05): partly because the classes are new, partly because the domain differs.',
    },
    fixes: 'Preprocess the target',
    invert: 'Invert (255 − pixel)',
    invertTitle: 'Every target image, light for dark: ink on paper becomes strokes on a dark background',
    normalise: 'Normalise to the source',
    normaliseTitle: 'Shift and scale each colour channel of the target to the source’s training mean and spread',
    normaliseUnavailable: 'Needs a source whose training images the lab knows (the zoo or MobileNet)',
  },
  bias: {
    title: 'Data bias',
    hint: 'Knobs act on the training split only; validation stays clean.',
    samplesPerClass: 'Samples per class',
    all: 'all',
    imbalance: 'Imbalance (largest / smallest)',
    labelNoise: 'Label noise %',
    noiseMode: 'Noise',
    modes: { symmetric: 'symmetric (any other class)', pair: 'pair flip (class → next class)' },
    shift: 'Shifted test set',
    shiftKinds: {
      none: 'none',
      brightness: 'brightness',
      contrast: 'contrast',
      blur: 'blur',
      noise: 'noise',
      rotation: 'rotation',
      invert: 'colour inversion',
      background: 'background change (shapes only)',
    },
    severity: 'Severity',
    counts: 'Training images per class',
    clean: 'true label',
    noisy: 'as labelled',
    flipped: (n: number) => `${n} label${n === 1 ? '' : 's'} flipped (outlined in red below)`,
    noisyTitle: (shown: string, truth: string) => `labelled ${shown}, actually ${truth}`,
    shiftedPreview: (n: number, what: string) => `Shifted test set: ${n} held-out images, ${what}`,
    /** A shift with its strength (`amount` from core/data/bias shiftAmount), e.g. "Brightness +0.30". */
    shiftLabel: (kind: ShiftKind, severity: number, amount: number): string => {
      const f = (v: number) => v.toFixed(2);
      switch (kind) {
        case 'none':
          return 'No shift';
        case 'brightness':
          return `Brightness +${f(amount)}`;
        case 'contrast':
          return `Contrast ×${f(amount)}`;
        case 'blur':
          return `Gaussian blur σ=${amount.toFixed(1)}px`;
        case 'noise':
          return `Gaussian noise σ=${f(amount)}`;
        case 'rotation':
          return `Rotation ±${amount}°`;
        case 'invert':
          return `Invert ${amount}%`;
        case 'background':
          return severity === 1 ? 'Background: mixed' : severity === 2 ? 'Background: new' : `Background: new, shapes ×${f(amount)}`;
      }
    },
    planned: (total: number) => `${total} training images after the knobs`,
  },
  seeds: {
    /** After a number of percentage points: "+12.3 pts". */
    ptsUnit: ' pts',
    seedLine: (run: string, seed: number) => `${run} seed ${seed}`,
    title: (done: number, total: number) => `Across seeds (${done}${total > done ? ` of ${total}` : ''})`,
    export: 'Export seeds JSON',
    verdicts: { positive: 'Positive transfer', negative: 'Negative transfer', inconclusive: 'Inconclusive' },
    band: 'band',
    bands: { ci: '95% CI', minmax: 'min–max' },
    showSeeds: 'Show each seed',
    chartTitle: 'Validation accuracy: mean across seeds with a band',
    mean: 'mean',
    run: 'Run',
    finalAccuracy: 'Final validation accuracy (mean, 95% CI)',
    runs: { transfer: 'Transfer', scratch: 'Scratch' },
    metrics: {
      jumpstart: 'Jumpstart (epoch 1, transfer − scratch)',
      gain: 'Asymptotic gain (final, transfer − scratch)',
      aucRatio: 'AUC ratio (transfer ÷ scratch)',
      toThreshold: (t: number) => `Epochs to ${Math.round(t * 100)}% validation accuracy`,
      ntg: 'Negative transfer gap (error transfer − error scratch)',
    },
    help: {
      jumpstart: 'How much better transfer starts: validation accuracy after the first epoch, transfer minus scratch.',
      gain: 'How much better transfer ends: final validation accuracy, transfer minus scratch.',
      aucRatio:
        'Area under the validation-accuracy curve of transfer divided by that of scratch: above 1, transfer was ahead on average over training.',
      toThreshold: 'How many epochs each run needed to reach the threshold (seeds that never did are left out).',
      ntg: 'Final validation error of transfer minus that of scratch. Below 0: transfer helped. Above 0: negative transfer — the source knowledge hurt.',
    },
  },
  augment: {
    kinds: {
      hflip: { label: 'Horizontal flip', strength: 'Unused' },
      vflip: { label: 'Vertical flip', strength: 'Unused' },
      rotate: { label: 'Rotation', strength: 'Max angle (°)' },
      rot90: { label: '90° rotation', strength: 'Unused' },
      crop: { label: 'Random resized crop', strength: 'Max area cropped away' },
      translate: { label: 'Translation', strength: 'Max shift (fraction of side)' },
      noise: { label: 'Gaussian noise', strength: 'Noise std' },
      brightness: { label: 'Brightness', strength: 'Max delta' },
      contrast: { label: 'Contrast', strength: 'Max factor deviation' },
      saturation: { label: 'Saturation', strength: 'Max factor deviation' },
      hue: { label: 'Hue shift', strength: 'Max rotation (fraction of a turn)' },
      blur: { label: 'Gaussian blur', strength: 'Sigma (px)' },
      cutout: { label: 'Cutout', strength: 'Square side (fraction of side)' },
    },
    title: 'Augmentation',
    hint: 'Applied to every training batch on the GPU, with the same draws for the transfer and the scratch run.',
    probability: 'p',
    preview: 'Preview: each row is one training image, each column a random draw of the pipeline',
    reshuffle: 'Reshuffle',
    updated: (ms: number) => `updated in ${Math.round(ms)} ms`,
    probeCost:
      'Augmentation is on, so the linear probe cannot reuse cached embeddings: the frozen backbone re-embeds every augmented batch. Expect each epoch to take about as long as a fine-tune epoch (≈10× a cached-probe epoch on the reference machine).',
    noImages: 'Add images to see the preview.',
  },
  forgetting: {
    title: 'Forgetting meter',
    hint: 'The source model’s own head, on held-out source images, after every epoch: how much of its old task the fine-tuned backbone still serves.',
    summary: (start: string, end: string, change: string) =>
      `Source-task accuracy: ${start} before fine-tuning → ${end} after (${change} points).`,
    source: 'Source task (old head)',
    target: 'Target task (validation)',
    wiseTitle: 'WiSE-FT: interpolate back towards the pretrained weights',
    wiseHint:
      'θα = (1 − α)·θ₀ + α·θft for the backbone (the new head stays as trained). α = 0 is the source model, α = 1 the fine-tuned one; in between you often keep most of the target gain and much of the source task.',
    alphaAxis: 'α (0 = pretrained, 1 = fine-tuned)',
    readout: (alpha: number, target: string, source: string) => `α = ${alpha.toFixed(1)}: target ${target}, source ${source}`,
    track: 'Forgetting meter (source-task accuracy each epoch; built-in sources)',
    l2sp: 'L2-SP α (pull back to pretrained)',
    lwf: 'LwF λ (keep the old head’s answers)',
    temperature: 'LwF temperature',
  },
  memory: {
    label: 'Memory',
    hint: 'Your images are kept as bytes (uint8) at 224×224 and 32×32; embeddings as 32-bit floats, once per image; tensors are what TF.js holds on the GPU.',
    images: (n: number, size: string) => `${n} of your images ${size}`,
    embeddings: (n: number, size: string) => `${n} cached embeddings ${size}`,
    tensors: (n: number, size: string) => `${n} tensors ${size}`,
    kept: (n: number, size: string) => `${n} finished run${n === 1 ? '' : 's'} kept for fusion ${size}`,
    total: (size: string) => `${size} in all`,
  },
  training: {
    runBackend: (backend: string) => `on ${backend}`,
    runBackendTitle: 'The TF.js backend this run trains on: the fastest one that has every kernel its model needs',
    title: '3 · Train',
    sweep: 'Few-shot sweep',
    sweepHint: 'Runs transfer and scratch at 1, 5, 10, 20 and 50 images per class and plots final accuracy against N.',
    sweepProgress: (n: number, i: number, of: number) => `Few-shot sweep: ${n} per class (${i} of ${of})`,
    seeds: 'Seeds',
    seedsProgress: (i: number, of: number) => `Seed ${i} of ${of}`,
    strategy: 'Strategy',
    strategies: {
      'linear-probe': 'Linear probe (frozen backbone, cached embeddings)',
      'fine-tune': 'Fine-tune the top blocks',
      full: 'Full fine-tune',
    },
    trainableBlocks: 'Trainable blocks',
    backboneLr: 'Backbone learning-rate ×',
    epochs: 'Epochs',
    batchSize: 'Batch size',
    learningRate: 'Learning rate',
    seed: 'Seed',
    validation: 'Validation %',
    scratch: 'Also train from scratch (same split, seed, batches and steps)',
    start: 'Train',
    pause: 'Pause',
    resume: 'Resume',
    stop: 'Stop',
    reset: 'Reset',
    phases: { load: 'Loading model', embed: 'Computing embeddings', train: 'Training' },
    eta: (ms: number) => (ms < 1000 ? 'almost done' : `~${Math.ceil(ms / 1000)} s left`),
    status: {
      pending: 'waiting',
      running: 'training',
      paused: 'paused',
      done: 'done',
      stopped: 'stopped',
      diverged: 'diverged',
      interrupted: 'interrupted',
    },
    engineDied: {
      crashed: ({ detail }: EngineDeathText) => `The training engine crashed${detail ? ` (${detail})` : ''} and was restarted.`,
      hung: ({ silentS }: EngineDeathText) => `The training engine stopped responding for ${silentS ?? 30} seconds and was restarted.`,
      'webgl-lost': (_: EngineDeathText) =>
        'The graphics (WebGL) context was lost — the GPU driver reset or the system reclaimed it — so the training engine was restarted.',
    },
    engineKept: 'The interrupted run is marked; your images, finished runs and settings are kept. Press Train to run again.',
  },
  upload: {
    dropHint: 'Drop images or a folder of class folders here (e.g. pets/cat/*.jpg, pets/dog/*.jpg).',
    chooseFolder: 'Choose a folder…',
    decoding: (done: number, total: number) => `Decoding ${done} / ${total}…`,
    dismiss: 'Dismiss',
    dismissAll: 'Dismiss all',
    className: 'Class name',
    images: (n: number) => `${n} ${n === 1 ? 'image' : 'images'}`,
    addImages: 'Add images…',
    deleteClass: 'Delete',
    deleteClassLabel: (name: string) => `Delete class ${name}`,
    removeImage: (name: string) => `Remove ${name}`,
    addClass: '+ Add class',
  },
  maps: {
    title: 'Feature space',
    hint: 'The target’s images as each network sees them: its features at the layer a probe reads, projected to 2-D. Before training, the source’s; after training, each run’s own. Filled dots are training images, rings validation.',
    method: 'Projection',
    methods: { pca: 'PCA (instant)', umap: 'UMAP (a few seconds)' },
    draw: 'Draw maps',
    drawing: (label: string) => `Projecting: ${label}`,
    failed: (m: string) => `The maps could not be drawn: ${m}`,
    sourcePanel: (source: string) => `Source before training · ${source}`,
    trainedPanel: (run: string) => `${run} · after training`,
    frozenPanel: (run: string) => `${run} · frozen backbone (the source’s features)`,
    knn: (pct: string) => `k-NN accuracy ${pct}`,
    knnTitle:
      'Leave-one-out 5-nearest-neighbour accuracy on the full features (not the 2-D picture): how well classes separate in this network’s eyes.',
    explained: (a: string, b: string) => `axes explain ${a} + ${b} of the variance`,
    beforeTraining: 'Train to add each run’s own map next to the source’s.',
    stale: 'Drawn for an earlier setup: draw again.',
    exportPng: 'PNG',
    exportJson: 'JSON',
    hover: (cls: string, split: string) => `${cls} · ${split}`,
    splits: { train: 'training', val: 'validation' },
  },
  saliency: {
    title: 'What the prediction depends on',
    hint: 'Grad-CAM: where in the last convolutional block the evidence for the predicted class lies. Input gradient: which pixels would change that class’s score the most. Brighter = more.',
    clickHint: 'Click an image to see what each run looked at.',
    computing: 'Computing the maps…',
    failed: (m: string) => `The maps could not be computed: ${m}`,
    gradcam: 'Grad-CAM',
    inputGradient: 'Input gradient',
    opacity: 'Overlay opacity',
    predicted: (cls: string, pct: string) => `predicts ${cls} (${pct})`,
    truth: (cls: string) => `Actually ${cls}`,
    unavailable: {
      'not-trained': 'no trained model to explain (stopped or not finished)',
      'external-source': 'not drawn for models from outside the zoo',
    },
    close: 'Close',
    exportPng: 'PNG',
  },
  results: {
    xAxisLabel: 'x axis',
    tooltipEpoch: (epoch: number) => `epoch ${epoch}`,
    tooltipExamples: (n: number) => `examples ${n.toLocaleString('en-US')}`,
    python: 'PyTorch project',
    pythonBusy: 'Building the project…',
    pythonHint:
      'This experiment as a Python project: the same images (ImageFolder layout), the source weights converted from TF.js, the same architecture, strategy, augmentations, seeds and budget. Run python train.py on a CPU or GPU, or torchrun for several GPUs.',
    pythonRefused: 'This experiment cannot be exported as a PyTorch project:',
    models: 'Trained model (TF.js):',
    modelsHint:
      'A zip of model.json and weights.bin: unzip it for tf.loadLayersModel, or load it back here as your own model (source panel).',
    modelUnavailable: {
      'not-trained': 'This run kept no trained model (it stopped, or its model is too large to keep).',
      'external-source': 'Probes on MobileNet or your own model are not exported: their backbone is the file you already have.',
    },
    exportPngTitle: 'Download this chart as a PNG image (twice the size on screen, with its title and legend)',
    exportSvgTitle: 'Download this chart as an SVG drawing (scales to any size, with its title and legend)',
    rawSeries: (name: string, series: string) => `${name} ${series} (raw)`,
    title: 'Learning curves',
    empty: 'Pick a source and a target, then press Train: transfer and from-scratch curves appear here, epoch by epoch.',
    metric: { accuracy: 'Accuracy', loss: 'Loss' },
    xAxis: { epoch: 'Epochs', examples: 'Examples seen' },
    smoothing: 'Per-batch loss smoothing',
    batchLoss: 'Per-batch training loss (smoothed)',
    accuracyTitle: 'Accuracy — solid: validation, dashed: train',
    lossTitle: 'Loss — solid: validation, dashed: train',
    xStep: ' — x: step',
    series: { val: 'validation', train: 'train', batch: 'batch loss' },
    points: (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pts`,
    atEpoch: (e: number) => ` (ep. ${e})`,
    summary: 'Summary',
    threshold: 'Threshold',
    sweepTitle: 'Few-shot sweep: final validation accuracy vs. images per class',
    sweepAxis: 'images per class (training)',
    sweepPoint: (n: number) => `${n} per class`,
    exportSweep: 'Export sweep',
    sweepShifted: (run: string) => `${run} (shifted test)`,
    columns: {
      run: 'Run',
      status: 'Status',
      final: 'Final val. acc.',
      shifted: 'Shifted-test acc.',
      balanced: 'Balanced acc.',
      best: 'Best val. acc.',
      jumpstart: 'Jumpstart',
      auc: 'AUC',
      toThreshold: 'Epochs to threshold',
      wall: 'Wall time',
    },
    never: 'not reached',
    confusion: 'Confusion matrix (validation)',
    confusionSubset: (shown: number, total: number) =>
      `The ${shown} most-confused of ${total.toLocaleString('en')} classes (most errors, missed or predicted); per-class accuracy for each of them on the right.`,
    perClass: 'Per-class accuracy',
    actual: 'actual',
    predicted: 'predicted',
    misclassified: 'Misclassified validation images',
    noMistakes: 'No mistakes on the validation split.',
    exportJson: 'Export JSON',
    exportCsv: 'Export CSV',
    exports: 'Export results',
    diagnosticsTitle: 'Mistakes and what the models look at',
  },
  selection: {
    title: 'Model selection',
    intro:
      'Which source should you use? Each score below is computed from a source’s frozen features of your training images — before any training, in a fraction of an epoch. Then check them: fine-tune every candidate and see which score ranked the sources right.',
    rank: 'Rank sources',
    ranking: 'Scoring…',
    fineTuneAll: 'Fine-tune every candidate',
    checking: (current: number, total: number) => `Fine-tuning every candidate side by side — seed ${current + 1} of ${total}…`,
    stop: 'Stop',
    stale: 'The target changed since these scores: rank again.',
    busy: 'Busy training: wait for it to finish.',
    source: 'Source',
    dims: 'Features',
    time: 'Time',
    actual: 'Fine-tuned accuracy',
    best: 'best in this column',
    tau: 'Kendall τ with the fine-tuned ranking (two-sided p)',
    tau1: (tau: string) => `τ = ${tau}`,
    pValue: (p: string) => `p = ${p}`,
    tauNeedsThree: 'needs three or more sources with both figures',
    ms: (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`),
    timeTitle: (features: string, scores: string) => `embedding the images: ${features}; all scores: ${scores}`,
    failed: (error: string) => `could not be scored: ${error}`,
    unavailable: {
      'no-head': 'not available: this source has no classifier head (a softmax over its own classes)',
      'not-probabilities': 'not available: the source’s output is not a probability distribution',
      'too-few-images': 'not available: needs at least two images and two classes',
    } as Record<string, string>,
    scores: {
      logme: {
        name: 'LogME',
        note: 'How well a Bayesian linear model on the features explains the labels (log evidence per image). Higher is better.',
      },
      leep: {
        name: 'LEEP',
        note: 'How well the source’s own classifier, mapped to your classes, predicts them (log-likelihood, ≤ 0). Closer to 0 is better; needs a source head.',
      },
      hscore: {
        name: 'H-score',
        note: 'Spread between class means, in units of the overall spread of the features (shrinkage H-score). Higher is better.',
      },
      knn: {
        name: 'k-NN',
        note: 'Leave-one-out accuracy of 5 nearest neighbours on the frozen features — the simple baseline the others must beat.',
      },
    } as Record<string, { name: string; note: string }>,
  },
  fusion: {
    title: 'Model fusion',
    intro:
      'Combine finished runs by their predictions. Runs trained with part of the training images set aside (the blend split) are kept here; voting weights and the stacker are fitted on that blend split, never on validation, and every method is scored on the same validation images as its members.',
    blend: 'Set aside for fusion',
    blendOff: 'none',
    method: 'Method',
    showMatrix: 'Show its confusion matrix',
    matrixOf: (who: string) => `Confusion matrix on validation: ${who}`,
    studyTitle: (n: number) => `Across ${n} seed${n === 1 ? '' : 's'}: each method against that seed’s best member`,
    studyGain: 'Ensemble − best member (mean, 95% CI)',
    studyWins: 'Seeds it beat the best member',
    wins: (k: number, n: number) => `${k} of ${n}`,
    fixSplit: 'Same images for every seed',
    fixedSplit: (seed: number) => `Same images for every seed (split of seed ${seed})`,
    fixSplitHint:
      'Validate every seed on the same images, so that runs of different seeds (a deep ensemble) can be fused. Each seed still draws its own initial weights, batches and augmentations.',
    blendHint: 'Share of the training images held back to fit fusion weights. Runs trained with it can be combined below.',
    none: 'No runs to combine yet: set training images aside for fusion above, then train (several sources side by side: “Fine-tune every candidate”).',
    keptName: (name: string, experiment: string) => `${name} (experiment ${experiment})`,
    combine: 'Combine selected',
    discard: 'Discard selected',
    member: 'Run',
    accuracy: 'Validation accuracy',
    vsBest: 'vs. best member',
    methods: {
      softUniform: 'Soft voting (mean probability)',
      softWeighted: 'Soft voting, weights fitted on the blend split',
      hard: 'Hard majority voting',
      stacking: 'Stacking (logistic regression on the blend split)',
    } as Record<string, string>,
    weights: (w: string) => `weights ${w}`,
    ties: (n: number) => `${n} tie${n === 1 ? '' : 's'}, broken by summed probability`,
    refusals: {
      'too-few': 'Choose at least two runs.',
      'unknown-run': 'A chosen run is no longer kept; refresh the list.',
      'different-images':
        'These runs were validated on different images (another target, seed or split): they cannot be combined image by image. To fuse runs of different seeds, tick “Same images for every seed” before training them.',
    } as Record<string, string>,
    soupUniform: 'Uniform soup',
    soupGreedy: 'Greedy soup',
    soupForce: 'Average them anyway (demonstration)',
    soupResult: (mode: string, n: number, val: string, blend: string) =>
      `${mode === 'greedy' ? 'Greedy' : 'Uniform'} soup of ${n} run${n === 1 ? '' : 's'}: ${val} on validation (${blend} on the blend split)`,
    soupForced:
      'These runs did not start from the same weights: their units do not line up, so the average is usually far worse than either — this is why soups need a shared starting point.',
    soupRefusals: {
      'different-architecture': (a: string, b: string) => `${a} and ${b} have different architectures: their weights cannot be averaged.`,
      'different-origin': (a: string, b: string) =>
        `${a} and ${b} did not start from the same weights (another source, or a random init): averaging them would mix unrelated networks.`,
      'no-weights': (a: string) =>
        `${a} kept only its predictions (a model too large to keep, or a probe trained on augmented batches): it cannot join a soup.`,
      'no-members': () => 'Choose at least one run.',
    } as Record<string, (a: string, b: string) => string>,
    soupsNote:
      'Weight averaging (model soups, Wortsman et al. 2022) works for runs fine-tuned from the same source weights (or linear probes on the same frozen backbone) and validated on the same images; greedy soups add a run only if the blend-split accuracy does not drop.',
  },
  share: {
    title: 'Share',
    button: 'Share…',
    close: 'Close',
    includeResults: 'Include the results (curves and summary), so the link opens showing them',
    linkLabel: 'Share link',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'The browser did not allow copying: select the link and copy it yourself.',
    carriesSettings:
      'The link carries the whole experiment (source, data, strategy, knobs, seeds and budget); opening it restores the settings.',
    carriesResults:
      'The link carries the whole experiment and a snapshot of its results; opening it shows them as “shared results”, to be re-run to verify.',
    ownImages:
      'Your images are not in the link (they never leave this device): whoever opens it must add their own, or you can send a bundle instead.',
    qrLabel: 'QR code of the share link',
    qrFailed: 'This link is too long for a QR code.',
    qrSettingsOnly: 'With results the link is too long for a QR code: the code carries the settings only.',
    opened: 'Opened a shared experiment: its settings are restored.',
    openedWithResults:
      'Opened a shared experiment: its settings are restored and its results are shown as shared results — re-run to verify.',
    openedOwnImages: 'It was made on someone’s own images, which are not in the link: add yours under Target data.',
    openedModel: (model: string) => `It starts from ${model}, which is downloaded only when you ask for it.`,
    keptDefaults: 'Nothing from it was used; the lab is as it was.',
    refused: {
      empty: 'This link carries no experiment.',
      'too-long': 'This link is far longer than any the lab makes, so it was not opened.',
      'bad-encoding': 'This link is damaged (its text is not valid base64): perhaps it was cut or changed when it was copied.',
      'bad-compression': 'This link is damaged or cut short: its data could not be unpacked.',
      'too-large': 'This link unpacks to far more data than any experiment needs, so it was not opened.',
      corrupted: 'This link was changed after it was made (its checksum does not match).',
      'bad-json': 'This link’s data is not readable.',
      'unknown-format': 'This is not a Transfer Lab link.',
      'not-a-share': 'This link does not contain an experiment.',
      'newer-version': 'This link was made by a newer version of the lab: reload the page to update it.',
      'invalid-config': 'This link’s experiment is not valid for the lab.',
      'invalid-results': 'This link’s results snapshot is not valid.',
      'invalid-class': 'This link’s class mark (the student’s nickname) is not valid.',
    } as Record<string, string>,
    sharedResults: 'Shared results — re-run to verify.',
    bundleHint:
      'A bundle is a .zip with the experiment, its results and your images in ImageFolder layout (one folder per class) — for experiments on your own images, which a link cannot carry.',
    bundleExport: 'Export bundle (.zip)',
    bundleImport: 'Import bundle…',
    bundleModels: 'Include the trained models (TF.js files, for the small image models; probes have none of their own)',
    bundleExported: (n: number, models: number) =>
      `Bundle saved with ${n} image${n === 1 ? '' : 's'}${models ? ` and ${models} trained model${models === 1 ? '' : 's'}` : ''}.`,
    bundleImported: (n: number, skipped: number) =>
      `Bundle opened as a new experiment: ${n} image${n === 1 ? '' : 's'} read${skipped ? `, ${skipped} entr${skipped === 1 ? 'y' : 'ies'} left out:` : '.'} Each image was checked like an upload (see Target data).`,
    bundleFailed: 'The bundle could not be written.',
    bundleRefused: {
      'not-a-zip': 'This file is not a zip archive.',
      'too-many-entries': 'This zip holds more files than any bundle would, so it was not opened.',
      'too-large': 'This zip unpacks to more data than the lab accepts, so it was not opened.',
      'file-too-large': 'This file is larger than the lab accepts for a bundle.',
      unreadable: 'The file could not be read.',
      'no-manifest': 'This zip is not a Transfer Lab bundle (it has no experiment.json).',
      'bad-manifest': 'This bundle’s experiment.json is not readable.',
      'newer-version': 'This bundle was made by a newer version of the lab: reload the page to update it.',
      'invalid-config': 'This bundle’s experiment is not valid for the lab.',
      'invalid-results': 'This bundle’s results are not valid.',
      'invalid-class': 'This bundle’s class mark (the student’s nickname) is not valid.',
      'invalid-board': 'This bundle’s class board is not valid.',
    } as Record<string, string>,
    bundleSkipped: {
      'unsafe-path': 'unsafe path (.., absolute, backslash or control characters)',
      symlink: 'a symbolic link',
      'nested-zip': 'a zip inside the zip',
      directory: 'a folder',
      'unsupported-compression': 'compressed in a way the lab does not read',
      'too-large': 'too large',
      corrupt: 'damaged',
      'outside-images': 'not an image under images/<class>/',
      'trained-model': 'a trained model, not imported (load it under Source model as your own model)',
    } as Record<string, string>,
  },
  /** A number field's problem with what the user typed. */
  field: {
    notANumber: 'Enter a number',
    notWhole: 'Enter a whole number',
    outOfRange: (min: number, max: number) => `Between ${min} and ${max}`,
  },
  experiments: {
    title: 'Saved experiments',
    /** A new experiment's name until the user renames it. */
    defaultName: (source: string, target: string | null) => `${source} → ${target ?? 'own images'}`,
    new: 'New experiment',
    open: 'Open',
    rename: 'Rename',
    duplicate: 'Duplicate',
    delete: 'Delete',
    thumbnail: (pct: number) => `Accuracy curve, ending at ${pct}%`,
    where:
      'Kept in this browser only (IndexedDB): your images never leave it. Delete an experiment here, or clear the site’s data in the browser to remove everything.',
    notPersisted:
      'Kept in this browser (IndexedDB), but the browser did not grant persistent storage: it may clear it when space runs low.',
    unavailable:
      'This browser does not let the lab store anything (private browsing, or storage disabled): experiments last only until the page closes.',
    savedAt: (time: string) => `Saved ${time}.`,
    problems: {
      unavailable:
        'The browser refused to store your experiment (private browsing, or storage disabled): it will last only until this page closes.',
      quota:
        'The browser’s storage for this site is full, so the latest changes were not saved; everything saved before is kept. Delete old experiments or large image sets to make room.',
      blocked: 'Another tab has an older version of the lab open, which blocks saving here: close it and reload.',
      'write-failed': 'Saving failed; everything saved before is kept.',
      corrupt: 'A saved experiment could not be read back (it is from another version of the lab or was changed), so it was not opened.',
    } as Record<string, string>,
  },
};
export type Strings = typeof en;
