/**
 * Messages the engine, the worker and the stores emit as codes (core/messages.ts), rendered
 * here. Codes elsewhere in the bundle (`uploads.*`, `ui.source.*`) are rendered the same way.
 */
/** A CI as the results page prints it: "7.0–17.0", or "-4.8 to 44.8" when it starts below zero. */
/** Remedies' short names in run names (core/remedies; the panel's own labels are in en.ts). */
export const REMEDY_NAMES_EN: Record<string, string> = {
  labelSmoothing: 'label smoothing',
  gce: 'GCE',
  smallLoss: 'small-loss',
  classBalanced: 'class-balanced weights',
  resample: 're-sampling',
  logitAdjust: 'logit adjustment',
};

export const range = (lo: number, hi: number) => (lo < 0 ? `${lo.toFixed(1)} to ${hi.toFixed(1)}` : `${lo.toFixed(1)}–${hi.toFixed(1)}`);

export const messagesEn = {
  /** Why an experiment cannot become a PyTorch project, and what the project does differently (core/export/refusals.ts). */
  export: {
    graphSource: (source: string) =>
      `${source} is a graph model: an opaque program, not layers the script can rebuild in PyTorch. Use a layers model (or a zoo or MobileNet source).`,
    featureModelSource: (source: string) =>
      `${source} is a Teachable Machine export (a whole model inside its first layer), which the script cannot rebuild.`,
    nestedModel: (layer: string) => `Layer "${layer}" is itself a model; the script rebuilds plain layers only.`,
    unsupportedLayer: (layer: string, type: string) => `Layer "${layer}" is a ${type}, which the PyTorch script does not implement.`,
    unsupportedLayerOption: (layer: string, type: string, option: string, value: string) =>
      `Layer "${layer}" (${type}) uses ${option} = ${value}, which the PyTorch script does not implement.`,
    sharedLayer: (layer: string) => `Layer "${layer}" is applied more than once; the script rebuilds each layer once.`,
    multipleInputsOrOutputs: (inputs: number, outputs: number) =>
      `The model has ${inputs} inputs and ${outputs} outputs; the script needs one image input and one output.`,
    noImageInput: 'The model has no image input ([height, width, 1 or 3]).',
    remedy: (remedy: string) =>
      `The exported project does not implement ${REMEDY_NAMES_EN[remedy] ?? remedy} yet: switch it off in Remedies to export this experiment.`,
    sourceNotLoaded: (source: string) => `${source} is not loaded in this page: load it in the source panel first.`,
    tooLarge: (megabytes: number, limit: number) =>
      `The images come to ${megabytes} MB, more than the ${limit} MB the browser can zip in memory.`,
    note: {
      biasViaData:
        'The bias knobs are reproduced by exporting the training images the lab trained on (already capped, imbalanced and with flipped labels).',
      shiftViaData: (kind: string, severity: number) => `The shifted test set (${kind}, severity ${severity}) is exported as images.`,
      preprocessViaData: 'Preprocessing (invert, normalise) is already applied to the exported images.',
      blendNotTrained: 'The blend split is left out, as in the lab: fusion is not part of the script.',
      noiseStream:
        'Gaussian noise uses TF.js’s own random stream, ported to Python (slower on large images; --noise torch is faster but draws other noise).',
      uploadsIncluded: 'Your uploaded images are in the project: share it only with people who may see them.',
    },
  },
  /** Text from a library or the browser, which the lab cannot translate: shown as it came. */
  detail: (text: string) => text,
  engineRestarted: 'the engine restarted',
  engineLostWork:
    'the training engine stopped and was restarted, and what it held (the trained runs this needs) went with it: train again, then try this again',
  pageClosed: 'the page was closed or reloaded while it trained',
  invalidSources: (detail: string) => `Invalid list of sources: ${detail}`,
  invalidConfig: (where: string) => `Invalid experiment config at ${where}`,
  badModelUrl: (url: string) =>
    `"${url}" is not a model address the lab will load: it should start with https:// (http:// only for localhost) and end in model.json.`,
  storedImagesUnreadable: 'the stored images could not be read back',
  boardUnreadable: 'the saved class board could not be read back',
  olderTab: 'another tab has an older version of the lab open',
  verdict: {
    singleTransfer: (points: number) =>
      `Transfer beats scratch by ${points.toFixed(1)} points on a single seed; run more seeds for a confidence interval.`,
    singleScratch: (points: number) =>
      `Scratch beats transfer by ${points.toFixed(1)} points on a single seed; run more seeds for a confidence interval.`,
    positive: (mean: number, lo: number, hi: number, seeds: number) =>
      `Transfer beats scratch by ${mean.toFixed(1)} points (95% CI ${range(lo, hi)}) over ${seeds} seeds.`,
    negative: (mean: number, lo: number, hi: number, seeds: number) =>
      `Negative transfer: scratch beats transfer by ${mean.toFixed(1)} points (95% CI ${range(lo, hi)}) over ${seeds} seeds.`,
    unclear: (mean: number, lo: number, hi: number, seeds: number) =>
      `No clear difference: transfer − scratch is ${mean.toFixed(1)} points (95% CI ${range(lo, hi)}) over ${seeds} seeds.`,
  },
  backend: {
    webglLostTwice:
      'the WebGL context was lost twice in a short time, so the engine stopped using WebGL: models train on the CPU (WebAssembly where it can), which is slower than a GPU. Reload the page to try WebGL again.',
    noWebgl: 'WebGL is not available in this browser: models train on the CPU (WebAssembly where it can), which is slower than a GPU.',
    webglHung:
      'creating a WebGL context stopped the engine from responding, so it restarted without WebGL: models train on the CPU (WebAssembly where it can), which is slower than a GPU. Reload the page to try WebGL again.',
  },
  run: {
    transfer: 'Transfer',
    transferFrom: (source: string) => `Transfer · ${source}`,
    transferWith: (remedy: string) => `Transfer + ${REMEDY_NAMES_EN[remedy] ?? remedy}`,
    remedy: {
      labelSmoothing: (epsilon: number) => `label smoothing ε = ${epsilon}`,
      gce: (q: number) => `generalised cross-entropy q = ${q}`,
      smallLoss: (rate: number) => `small-loss selection, forgetting up to ${Math.round(rate * 100)}% of each batch`,
      classBalanced: (beta: number) => `class-balanced loss weights β = ${beta}`,
      resample: () => 'class-balanced re-sampling',
      logitAdjust: (tau: number) => `post-hoc logit adjustment τ = ${tau}`,
    },
    scratch: 'From scratch',
    scratchTwin: 'Same architecture and head, random init, all layers trained',
    smallCnn: 'Small built-in CNN at 32×32, random init (a from-scratch MobileNet at 224 is too slow to train in a browser)',
    scratchReused: 'reused: an identical baseline (same images, split, seed, budget and augmentation) was trained earlier in this session',
    probe: (source: string) => `Linear probe on ${source}: backbone frozen, head trained`,
    probeGraph: (source: string) => `Linear probe on ${source} (a graph model: frozen feature extractor), head trained`,
    probeInner: (source: string) => `Linear probe on ${source} (its inner feature model: frozen feature extractor), head trained`,
    fineTune: (k: number, blocks: number, source: string) => `Fine-tune the top ${k} of ${blocks} blocks of ${source}`,
    full: (source: string, multiplier: number) =>
      `Full fine-tune of ${source}${multiplier === 1 ? '' : `, backbone learning rate ×${multiplier}`}`,
    l2sp: (alpha: number) => `L2-SP α = ${alpha}`,
    lwf: (lambda: number, temperature: number) => `LwF λ = ${lambda}, T = ${temperature}`,
    reembed: 'embeddings recomputed per batch (augmentation is on)',
    diverged: 'The loss became NaN or infinite; this run was stopped. Try a lower learning rate.',
  },
  plan: {
    noSource: 'An experiment needs at least one source.',
    tooManyRuns: (max: number, total: number) => `An experiment holds at most ${max} runs; this one plans ${total}.`,
  },
};
