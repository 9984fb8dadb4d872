import { msg, type Msg } from '../messages';
import { AUGMENTATION_KINDS } from '../augment/schema';

/**
 * Why an experiment cannot be exported as a PyTorch project, as message codes: the UI renders
 * them in the user's language (refusalMessage → src/i18n). Never English sentences here.
 *
 * Codes (params):
 * - `export.graphSource` (source): a graph model is an opaque program, not layers to rebuild.
 * - `export.featureModelSource` (source): a Teachable Machine export (a whole model as its first layer).
 * - `export.nestedModel` (layer): a layer that is itself a model.
 * - `export.unsupportedLayer` (layer, type): a layer class model.py does not implement (see SUPPORTED_LAYERS).
 * - `export.unsupportedLayerOption` (layer, type, option, value): a supported class with an option it does not implement.
 * - `export.sharedLayer` (layer): a layer applied more than once (or a second output of one).
 * - `export.multipleInputsOrOutputs` (inputs, outputs).
 * - `export.noImageInput`: the model has no [h, w, 1|3] image input.
 * - `export.sourceNotLoaded` (source): an external source the page has not loaded into the engine.
 * - `export.tooLarge` (megabytes, limit): more image data than a browser should zip in memory.
 * - `export.remedy` (remedy): a remedy (core/remedies) the project does not implement, by its id.
 */
/** Layer classes the exported model.py implements (with the options the converters check). */
export const SUPPORTED_LAYERS = [
  'InputLayer',
  'Conv2D',
  'DepthwiseConv2D',
  'SeparableConv2D',
  'Dense',
  'BatchNormalization',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'Flatten',
  'Reshape',
  'Dropout',
  'ZeroPadding2D',
  'Add',
  'Subtract',
  'Multiply',
  'Average',
  'Maximum',
  'Minimum',
  'Concatenate',
] as const;

export interface ExportRefusal {
  code: `export.${string}`;
  params?: Readonly<Record<string, string | number>>;
}

/** Things the exported project does differently from the lab, said once in the README and to the UI (codes, like refusals). */
export interface ExportNote {
  code: `export.note.${string}`;
  params?: Readonly<Record<string, string | number>>;
}

/** A refusal or note as a translatable message: `msg.<code>` with its params in the order listed above (see core/messages.ts). */
export const refusalMessage = (r: ExportRefusal | ExportNote): Msg => msg(`msg.${r.code}`, ...Object.values(r.params ?? {}));

/** Raw image bytes above which an export is refused (the zip is built in memory, in a worker). */
export const MAX_EXPORT_IMAGE_BYTES = 512 * 2 ** 20;

/**
 * What the exported project reproduces, for the UI and the README. Everything not listed under
 * `refused` is exported; `viaData` options are reproduced by exporting the data the lab trained
 * on (already capped, preprocessed, split and biased) rather than by re-implementing the knob.
 */
export const SUPPORTED_OPTIONS = {
  sources: {
    zoo: 'every built-in model',
    hosted: 'MobileNet v1 and v2 (layers models): cut where the lab cuts, BatchNorm on its pretrained statistics as in the lab',
    custom: 'layers models built from the supported layers',
    multiSource: 'one transfer run per source, trained side by side on the same batches',
  },
  layers: SUPPORTED_LAYERS,
  strategies: ['linear-probe', 'fine-tune (trainableBlocks)', 'full (backboneLrMultiplier)'],
  training: [
    'epochs',
    'batchSize',
    'learningRate',
    'Adam (β1 0.9, β2 0.999, ε 1e-7) per learning-rate group',
    'clipped cross-entropy on softmax outputs',
    "the lab's batch order (its seeded permutation, ported)",
    "the lab's initial weights (head and scratch twin, exported)",
  ],
  scratchBaseline: 'the zoo twin (same architecture, He init, the transfer head copied) or the small CNN for external sources',
  seeds: 'every seed of the study, each with its own split when the split follows the seed',
  /** All of them, with the lab's per-image draws (Gaussian noise from TF.js's own stream). */
  augmentations: AUGMENTATION_KINDS,
  viaData: [
    'target cap (maxPerClass)',
    'split (validationFraction, blendFraction, split.seed)',
    'bias.samplesPerClass',
    'bias.imbalanceRatio',
    'bias.labelNoise',
    'bias.shift (the shifted evaluation set)',
    'preprocess.invert',
    'preprocess.normalise',
    'uploaded images',
  ],
  forgetting: ['track (source accuracy per epoch on held-out source images)', 'l2sp', 'lwf', 'WiSE-FT curve at the end'],
  distributed:
    'torchrun --nproc_per_node=N (or train.py --nproc N): DistributedDataParallel, gloo on CPU, nccl on CUDA; the same global batches as one process',
  refused: [
    'graph-model sources',
    'Teachable Machine feature models',
    'layers outside `layers`',
    'layers applied twice',
    'channels_first models',
    'remedies (label smoothing, GCE, small-loss selection, class-balanced weights and re-sampling, logit adjustment): refused by name',
  ],
  notReproduced: [
    'fusion (ensembles, soups, stackers) and its blend split, which the lab does not train on either',
    'the scratch cache (the baseline is simply trained)',
    'saliency, feature maps, embeddings views',
  ],
} as const;
