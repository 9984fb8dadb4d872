import { MAX_SYNTHETIC_PIXELS } from '../core/data/datasetRef';

/**
 * Errors the engine, the worker and the stores throw as codes (`coded('err.…', …)`, see
 * core/messages.ts), rendered here. Numbers arrive raw and are formatted in the function, so each
 * language writes them its own way; nested messages and `§code` arguments arrive rendered.
 */
const n = (v: number) => v.toLocaleString('en');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
const s = (count: number) => (count > 1 ? 's' : '');
const fetched = (file: string | null) => (file === null ? 'model.json' : `the weight file ${file}`);

export const errorsEn = {
  export: {
    numberPair: (value: string) => `The model's topology has ${value} where a pair of numbers belongs: it cannot be rebuilt in PyTorch.`,
    missingWeight: (layer: string, type: string, key: string, has: string[]) =>
      `Layer "${layer}" (${type}) has no weight "${key}" (it has ${has.join(', ') || 'none'}).`,
  },
  eval: {
    classCount: (outputs: number, classes: number) =>
      `The model predicts ${outputs} classes, but the target has ${classes}: it can only be checked as is on a target with the same classes.`,
  },
  ignoredFiles: (files: string[]) => `Ignored file${files.length > 1 ? 's' : ''} not listed in model.json: ${files.join(', ')}.`,
  noCacheStorage: 'this browser does not offer Cache Storage here (a private window?)',
  /** parseOrThrow: `what` is a rendered `err.what.*` code, `where` a rendered `err.issue`. */
  invalidAt: (what: string, where: string) => `${what} is not valid at ${where}`,
  /** The first problem zod found: its path, its message (zod's own text or a rendered `err.zod.*`), and how many more. */
  issue: (path: string, message: string, more: number) => `"${path}": ${message}${more > 0 ? ` (and ${more} more)` : ''}`,
  issueRoot: '(root)',
  what: {
    zooIndex: 'The model zoo index (models/index.json)',
    datasetIndex: 'The dataset index (datasets/index.json)',
  },
  /** Custom zod messages (schemas can only carry a string: `codeText('err.zod.…')`). */
  zod: {
    shardPath: 'a weight file must be a file name next to model.json, not an address or a path with ".."',
    labelsDistinct: 'class labels must be distinct',
    targetId: 'a built-in target id (lower-case letters, digits, dashes)',
    layerName: 'a layer name (letters, digits, _ / . : -)',
    modelUrl: 'a model URL must be https:// (or http://localhost for development), without a user name or password',
    zooId: 'a zoo model id (lower-case letters, digits, dashes)',
    plainName: 'a name without control characters or angle brackets',
    datasetId: 'a built-in dataset id (lower-case letters, digits, dashes)',
    classOnce: 'each class may appear only once',
    shapeOnce: 'each shape may appear only once',
    plainText: 'text without control characters or angle brackets',
    fewShotSize: 'a few-shot size the lab offers',
    tooManyPredictions: 'too many predictions',
    pixelSize: 'pixels of the wrong size',
    tooManyPixels: `too many synthetic pixels: images × side² may be at most ${MAX_SYNTHETIC_PIXELS.toLocaleString('en-US')} (5,000 images at 32×32)`,
    // The limit is MAX_TRAINING_WORK in core/config/experiment.ts (10 seeds × 200 epochs × 100 images).
    tooMuchTraining: `too much training: seeds × epochs × images per class is above the lab's limit of ${(10 * 200 * 100).toLocaleString('en-US')}`,
  },
  notSourceList: 'not a list of sources',

  /** model.json checked before TF.js sees it (core/models/manifest.ts). */
  manifest: {
    tooLarge: (bytes: number, max: number) =>
      `model.json is ${mb(bytes)}; a TF.js model description is at most ${mb(max)}. Is it the right file?`,
    notJson: (detail: string) => `model.json is not valid JSON (${detail}). Is it the right file, complete and unedited?`,
    noTopology:
      'model.json has no "modelTopology": it is not a TF.js model file. Pick the model.json written by tensorflowjs_converter or model.save().',
    noWeightsManifest: 'model.json has no "weightsManifest": it does not say which weight files belong to it.',
    invalid: (where: string) => `model.json is not a valid TF.js model description at ${where}.`,
    tooManyWeights: (total: number, name: string, dtype: string, shape: number[], bytes: number, max: number) =>
      `model.json declares ${mb(total)} of weights (the largest, "${name}", a ${dtype} of shape [${shape.join(', ')}], alone ${mb(bytes)}); Transfer Lab loads models up to ${mb(max)}.`,
    inputTooLarge: (side: number, max: number) =>
      `The model declares an input of ${n(side)} pixels a side; Transfer Lab feeds images of at most ${max} × ${max}.`,
    notFinite: (layer: string, bad: number, total: number, weight: string) =>
      `Layer "${layer}" has ${n(bad)} of ${n(total)} values that are not finite numbers (NaN or ±Infinity) in weight "${weight}". The model was saved after training diverged, or the file is damaged; it cannot be used.`,
    sizeMismatch: (have: number, take: number) =>
      `The weight files hold ${n(have)} bytes, but model.json's weights take ${n(take)}. A weight file is truncated or belongs to another model.`,
    truncated: (have: number, weight: string, layer: string) =>
      `The weight files end (${n(have)} bytes) before weight "${weight}" of layer "${layer}": a weight file is truncated or belongs to another model.`,
  },

  /** Loading, cutting and checking a source model (core/models). */
  model: {
    input: {
      notImage: (shape: string) =>
        `The model's input has shape ${shape}, which is not an image. Transfer Lab needs an image input [batch, height, width, channels].`,
      channels: (shape: string, channels: number | null) =>
        `The model's input ${shape} has ${channels} channels; Transfer Lab feeds RGB (3) or grayscale (1) images.`,
      notSquare: (shape: string) =>
        `The model's input ${shape} is not a fixed square image size; Transfer Lab needs one (e.g. [null, 224, 224, 3]).`,
      tooLarge: (shape: string, max: number) =>
        `The model's input ${shape} is larger than Transfer Lab feeds: at most ${max} × ${max} pixels.`,
    },
    noCut: 'The model has no layer with a feature-map (4-D) output to cut at.',
    noLayer: (name: string) => `The model has no layer "${name}" to cut at.`,
    unsupportedOp: (op: string) =>
      `The model uses an operation TF.js cannot run in the browser (${op}). Convert it with ops TF.js supports, or use a layers model.`,
    unknownLayer: (layer: string) =>
      `The model uses a layer type TF.js does not know (${layer}): a custom Keras layer cannot be loaded in the browser.`,
    /** A step that failed (`buildFailed`, `testFailed`, rendered) and TF.js's own words. */
    failed: (what: string, detail: string) => `${what}: ${detail}`,
    buildFailed: 'TF.js could not build the model from these files',
    testFailed: 'The model failed on a test image',
    labelsMismatch: (labels: number, classes: number | null) =>
      `metadata.json names ${labels} classes, but the model's output has ${classes}: they do not belong together.`,
    unknownHosted: (id: string) => `Unknown hosted model "${id}".`,
    missingWeights: (names: string[], listed: number) =>
      `Missing weight file${s(names.length)}: ${names.join(', ')}. model.json lists ${listed} weight file${s(listed)}; choose model.json together with all of them.`,
    weightBytes: (paths: string[], got: number, expected: number, exact: boolean) =>
      `Weight file${s(paths.length)} ${paths.join(', ')}: ${n(got)} bytes, but model.json describes ${exact ? '' : 'at least '}${n(expected)} bytes. A weight file is truncated or belongs to another model.`,
    unknownSource: (id: string) => `Unknown source model "${id}".`,
    notLoaded: 'This source model is not loaded yet: load it in the source panel first.',
    noBlock: (model: string, block: number, blocks: number) => `Model "${model}" has no block ${block} (it has ${blocks}).`,
  },

  /** Teachable Machine's metadata.json (core/models/teachable.ts). */
  teachable: {
    notJson: 'metadata.json is not valid JSON: choose the metadata.json Teachable Machine exported with this model.',
    invalid: (where: string) => `metadata.json is not Teachable Machine metadata at ${where}.`,
  },

  /** Downloading a model (state/models/modelFiles.ts, core/models/external.ts). */
  download: {
    stalled: (url: string, seconds: number) =>
      `${url} sent nothing for ${seconds} s: the server does not answer. Try again later or check the address.`,
    /** `file` is the weight file fetched, or null for model.json itself. */
    webPage: (url: string, file: string | null) =>
      `${url} answered with a web page (text/html) instead of ${fetched(file)}: the address points at the wrong place, or the server shows an error page.`,
    overCap: (url: string, cap: number, file: string | null) =>
      `${url} sends more than the ${n(cap)} bytes model.json declares for ${fetched(file)}.`,
    overCapStopped: (url: string, cap: number, file: string | null) =>
      `${url} sends more than the ${n(cap)} bytes model.json declares for ${fetched(file)}; the download was stopped.`,
    notModelJson: (url: string, detail: string) => `${url} is not a usable TF.js model.json: ${detail}`,
    offline: (url: string) =>
      `You are offline and ${url} is not cached on this device yet. Connect once to download it; after that it works offline.`,
    /** `status` is "HTTP nnn". */
    http: (url: string, status: string) => `${url} answered ${status}. Check the address.`,
    failed: (url: string, detail: string) =>
      `Could not download ${url} (${detail}). Either the network is unreachable or the server does not allow cross-origin (CORS) requests from this page; a model you host yourself must send Access-Control-Allow-Origin.`,
  },

  /** The zip worker (state/zips/zipThread.ts). */
  zip: {
    workerFailed: 'The lab’s zip worker stopped before it finished. Try again: a new one starts.',
  },

  /** Model files the user chose or dropped (state/models/modelFiles.ts). */
  local: {
    notAZip: 'This .zip could not be opened as a zip file: choose model.json with its weight files, or a zip of them.',
    zipTooLarge: 'This zip is larger than a model the lab loads (336 MB unpacked at most).',
    noModelJson: 'No model.json among the chosen files: choose model.json together with its weight files (.bin).',
    severalJson: (names: string[]) => `Several JSON files were chosen (${names.join(', ')}): choose one model.json and its weight files.`,
    severalMetadata: 'Several metadata.json files were chosen: choose the one exported with this model.',
  },

  /** Target data (core/data, core/train/targetData.ts). */
  data: {
    unknownDataset: (id: string) => `Unknown built-in dataset "${id}".`,
    labelCount: (id: string, expected: number, found: number) => `Dataset ${id}: expected ${expected} labels, found ${found}.`,
    pixelCount: (id: string, expected: number, found: number) => `Dataset ${id}: expected ${expected} pixel bytes, found ${found}.`,
    normaliseNeedsSource:
      'Normalising the target needs the source’s pixel statistics, and this source has no training images the lab knows.',
    backgroundNeedsShapes:
      'A background shift needs a synthetic shapes target (real photos have no background to swap). Pick another shift.',
    noUploads: 'This experiment uses your own images, but none were provided.',
    biasLeftNothing: 'The bias knobs left no training images.',
  },

  /** Saliency and feature maps (core/explain, core/projection). */
  explain: {
    notChain: (first: string, layer: string, feeds: number) =>
      `Grad-CAM needs a plain chain of layers after "${first}"; "${layer}" feeds ${feeds}.`,
    noPooling: (model: string) => `The model "${model}" has no global average pooling layer after its last convolutional block.`,
    noPoolingProbe: (source: string) => `The source "${source}" has no global average pooling layer for a probe's head.`,
    noPoolingFeatures: (model: string) => `The model "${model}" has no global average pooling layer to read features at.`,
  },

  /** The domain-gap meter (core/data/domainGap.ts). */
  gap: {
    tooFewImages: 'MMD needs at least two rows on each side.',
  },

  /** Fusion (core/fusion/ensemble.ts). */
  fusion: {
    classMismatch: (run: string, classes: number, expected: number) =>
      `Run ${run} predicts ${classes} classes, not ${expected}: members must share the target's classes.`,
  },

  /** The worker's own checks (src/workers/engine/). */
  engine: {
    loadFailed: (path: string, status: number) => `Could not load ${path} (HTTP ${status}).`,
    notInitialised: 'The engine is not initialised.',
    trainFirst: 'Train first: saliency explains the latest experiment’s runs.',
    noValidationImage: (index: number) => `There is no validation image ${index}.`,
  },

  /** Make available offline (state/offlineStore.ts). */
  offline: {
    noCache: 'This browser keeps no offline copies here (no Cache Storage, or it is switched off): the lab works online only.',
  },
};
