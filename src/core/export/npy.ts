import { zipSync, type Zippable } from 'fflate';
import { bug } from '../messages';

/**
 * NumPy's .npy (format 1.0) and .npz (a zip of .npy files), written here so the exported weights
 * load with `numpy.load` alone: no pickle, no torch-specific format, readable from any language.
 */
export type NpyArray =
  | { data: Float32Array; shape: readonly number[] }
  | { data: Int32Array; shape: readonly number[] }
  | { data: Uint8Array; shape: readonly number[] };

const DESCR = (data: NpyArray['data']): string => (data instanceof Float32Array ? '<f4' : data instanceof Int32Array ? '<i4' : '|u1');

/** One array as .npy bytes (little-endian, C order). */
export function encodeNpy({ data, shape }: NpyArray): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (shape.some((d) => !Number.isInteger(d) || d < 0) || size !== data.length)
    throw bug(`npy: shape [${shape.join(', ')}] does not hold ${data.length} values`);
  // A 1-tuple needs its trailing comma in Python syntax: (5,).
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${DESCR(data)}', 'fortran_order': False, 'shape': (${dims}), }`;
  // magic (6) + version (2) + header length (2) + header + '\n' must be a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  // Typed arrays are in the platform's byte order; every platform a browser runs on is little-endian.
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** A fixed zip timestamp: the same experiment exports to the same bytes. */
export const ZIP_MTIME = new Date(2000, 0, 1);

/** Several arrays as one .npz; `numpy.load(path)[name]` reads each back. Stored, not deflated: float weights barely compress. */
export function encodeNpz(arrays: Readonly<Record<string, NpyArray>>): Uint8Array {
  const files: Zippable = {};
  for (const [name, array] of Object.entries(arrays)) files[`${name}.npy`] = [encodeNpy(array), { level: 0, mtime: ZIP_MTIME }];
  return zipSync(files);
}
