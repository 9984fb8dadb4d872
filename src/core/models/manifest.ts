import { z } from 'zod';
import { issueMsg } from '../config/validation';
import { CodedError, codeText, msg, type Msg } from '../messages';

/**
 * model.json from a stranger, checked before TF.js (or the network) sees any of it: the schema
 * bounds every array and string, the declared sizes are summed for every dtype (strings too) and
 * capped, and the declared input side is capped — so a 300-byte file cannot make the worker
 * allocate gigabytes or wait forever for weights that are not there.
 */

/** A model.json larger than this is not a model description (MobileNet v1 1.0's is ~90 kB). */
export const MAX_MODEL_JSON_BYTES = 16 * 2 ** 20;
/** All weights together (MobileNet v1 1.0 is 17 MB, ResNet-50 ~100 MB). */
export const MAX_WEIGHT_BYTES = 320 * 2 ** 20;
/** Largest square input side a source may declare (EfficientNet-B7 uses 600). */
export const MAX_INPUT_SIDE = 1024;

const WEIGHT_DTYPES = ['float32', 'int32', 'bool', 'string', 'complex64'] as const;
const QUANTIZED_DTYPES = ['uint8', 'uint16', 'float16'] as const;
export type WeightDtype = (typeof WEIGHT_DTYPES)[number] | (typeof QUANTIZED_DTYPES)[number];

/** Bytes per element in the weight files; a string element takes at least its 4-byte length prefix. */
export const BYTES_PER_ELEMENT: Record<WeightDtype, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  string: 4,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Shard paths are file names next to model.json: never an address of their own, never `..`. */
const ShardPath = z
  .string()
  .min(1)
  .max(256)
  .refine((p) => !/^[a-z][a-z0-9+.-]*:/i.test(p) && !p.startsWith('/') && !p.startsWith('\\') && !p.split(/[\\/]/).includes('..'), {
    message: codeText('err.zod.shardPath'),
  });

const WeightEntry = z.looseObject({
  name: z.string().min(1).max(512),
  shape: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(2 ** 31),
    )
    .max(8),
  dtype: z.enum(WEIGHT_DTYPES),
  quantization: z
    .looseObject({
      dtype: z.enum(QUANTIZED_DTYPES),
      scale: z.number().finite().optional(),
      min: z.number().finite().optional(),
    })
    .optional(),
});
export type WeightEntry = z.infer<typeof WeightEntry>;

const WeightGroup = z.looseObject({
  paths: z.array(ShardPath).min(1).max(2000),
  weights: z.array(WeightEntry).max(20000),
});
export type WeightGroup = z.infer<typeof WeightGroup>;

export const ModelJsonSchema = z.looseObject({
  format: z.string().max(64).optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(WeightGroup).max(2000),
});
export type ModelJson = z.infer<typeof ModelJsonSchema>;

/** A model.json or its weights refused: a coded error (the UI renders it), still told apart by `instanceof`. */
export class ManifestError extends CodedError {
  constructor(m: Msg, options?: { cause?: unknown }) {
    super(m);
    this.name = 'ManifestError';
    if (options) this.cause = options.cause;
  }
}

const elements = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The dtype a weight is stored in (quantised weights are stored in their own dtype). */
export const storedDtype = (w: WeightEntry): WeightDtype => w.quantization?.dtype ?? w.dtype;

/**
 * Bytes a weight takes in its file: exact for every dtype but strings, whose 4-byte length
 * prefixes are the least they can take (their text comes on top).
 */
export function declaredBytes(w: WeightEntry): { bytes: number; exact: boolean } {
  const dtype = storedDtype(w);
  return { bytes: elements(w.shape) * BYTES_PER_ELEMENT[dtype], exact: dtype !== 'string' };
}

/** Bytes a group of weights takes in its files, and whether that figure is exact. */
export function groupBytes(group: WeightGroup): { bytes: number; exact: boolean } {
  const all = group.weights.map(declaredBytes);
  return { bytes: all.reduce((n, d) => n + d.bytes, 0), exact: all.every((d) => d.exact) };
}

/** Total declared weight bytes (a lower bound when there are string weights). */
export function manifestBytes(manifest: readonly WeightGroup[]): number {
  return manifest.reduce((n, g) => n + groupBytes(g).bytes, 0);
}

/** Square sides declared anywhere in a topology (Keras input shapes, graph placeholders). */
function declaredInputDims(topology: unknown): number[] {
  const dims: number[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 12 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 5000)) visit(item, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    for (const key of ['batch_input_shape', 'batchInputShape', 'batch_shape']) {
      const shape = o[key];
      if (Array.isArray(shape) && shape.length === 4) dims.push(...shape.slice(1, 3).filter((d): d is number => typeof d === 'number'));
    }
    if (o.op === 'Placeholder') {
      const dim = (o.attr as { shape?: { shape?: { dim?: { size?: string | number }[] } } } | undefined)?.shape?.shape?.dim;
      if (Array.isArray(dim) && dim.length === 4)
        dims.push(
          ...dim
            .slice(1, 3)
            .map((d) => Number(d?.size))
            .filter((d) => Number.isFinite(d)),
        );
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'weights' && typeof v === 'object') visit(v, depth + 1);
  };
  visit(topology, 0);
  return dims;
}

/**
 * Parses and bounds a model.json. Throws a ManifestError whose message says what is wrong, where,
 * and, for the caps, what the limit is. Nothing is allocated beyond the parsed JSON.
 */
export function parseModelJson(text: string): ModelJson {
  if (text.length > MAX_MODEL_JSON_BYTES) throw new ManifestError(msg('err.manifest.tooLarge', text.length, MAX_MODEL_JSON_BYTES));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(msg('err.manifest.notJson', err instanceof Error ? err.message : String(err)), { cause: err });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json) || !(json as Record<string, unknown>).modelTopology) {
    throw new ManifestError(msg('err.manifest.noTopology'));
  }
  if (!Array.isArray((json as Record<string, unknown>).weightsManifest)) {
    throw new ManifestError(msg('err.manifest.noWeightsManifest'));
  }
  const r = ModelJsonSchema.safeParse(json);
  if (!r.success) throw new ManifestError(msg('err.manifest.invalid', issueMsg(r.error)));
  const parsed = r.data;

  const total = manifestBytes(parsed.weightsManifest);
  if (total > MAX_WEIGHT_BYTES) {
    const big = parsed.weightsManifest
      .flatMap((g) => g.weights)
      .reduce((a, b) => (declaredBytes(b).bytes > declaredBytes(a).bytes ? b : a));
    throw new ManifestError(
      msg('err.manifest.tooManyWeights', total, big.name, big.dtype, big.shape, declaredBytes(big).bytes, MAX_WEIGHT_BYTES),
    );
  }
  const side = Math.max(0, ...declaredInputDims(parsed.modelTopology));
  if (side > MAX_INPUT_SIDE) {
    throw new ManifestError(msg('err.manifest.inputTooLarge', side, MAX_INPUT_SIDE));
  }
  return parsed;
}

/** The layer a weight belongs to, by the TF.js naming convention `layer/kernel`. */
export const layerOf = (weightName: string) => (weightName.includes('/') ? weightName.slice(0, weightName.lastIndexOf('/')) : weightName);

/**
 * Walks the concatenated weight bytes in manifest order: checks that string weights fit (their
 * size is only known from their length prefixes) and that no float weight is NaN or infinite.
 * Throws a ManifestError naming the first bad weight and its layer.
 */
export function checkWeightValues(specs: readonly WeightEntry[], data: ArrayBuffer): void {
  const view = new DataView(data);
  let offset = 0;
  for (const w of specs) {
    const dtype = storedDtype(w);
    const n = elements(w.shape);
    if (dtype === 'string') {
      for (let i = 0; i < n; i++) {
        if (offset + 4 > data.byteLength) throw truncated(w, data.byteLength);
        offset += 4 + view.getUint32(offset, true);
      }
      if (offset > data.byteLength) throw truncated(w, data.byteLength);
      continue;
    }
    const bytes = n * BYTES_PER_ELEMENT[dtype];
    if (offset + bytes > data.byteLength) throw truncated(w, data.byteLength);
    let bad = 0;
    if (dtype === 'float32' || dtype === 'complex64') {
      const values = new Float32Array(data, offset, bytes / 4);
      for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) bad++;
    } else if (dtype === 'float16') {
      // Exponent bits all set: NaN or ±Infinity in half precision.
      for (let i = 0; i < n; i++) if ((view.getUint16(offset + 2 * i, true) & 0x7c00) === 0x7c00) bad++;
    }
    if (bad) {
      throw new ManifestError(msg('err.manifest.notFinite', layerOf(w.name), bad, n, w.name));
    }
    offset += bytes;
  }
  if (offset !== data.byteLength) {
    throw new ManifestError(msg('err.manifest.sizeMismatch', data.byteLength, offset));
  }
}

const truncated = (w: WeightEntry, have: number) => new ManifestError(msg('err.manifest.truncated', have, w.name, layerOf(w.name)));
