import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeNpy, encodeNpz } from './npy';

const header = (npy: Uint8Array) => {
  const len = new DataView(npy.buffer, npy.byteOffset).getUint16(8, true);
  return { len, text: new TextDecoder().decode(npy.subarray(10, 10 + len)) };
};

describe('npy / npz writer', () => {
  it('writes format 1.0: magic, a header padded to 64 bytes ending in a newline, little-endian data', () => {
    const data = Float32Array.from([1.5, -2, 3.25, 0, 7, 8]);
    const npy = encodeNpy({ data, shape: [2, 3] });
    expect(Array.from(npy.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const { len, text } = header(npy);
    expect((10 + len) % 64).toBe(0);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(Array.from(new Float32Array(npy.slice(10 + len).buffer))).toEqual(Array.from(data));
  });

  it('spells 1-D shapes as Python 1-tuples and knows int32 and uint8', () => {
    expect(header(encodeNpy({ data: Int32Array.from([1, 2, 3]), shape: [3] })).text).toContain(
      "'descr': '<i4', 'fortran_order': False, 'shape': (3,), }",
    );
    expect(header(encodeNpy({ data: new Uint8Array(4), shape: [2, 2] })).text).toContain("'descr': '|u1'");
    expect(() => encodeNpy({ data: new Float32Array(5), shape: [2, 3] })).toThrow(Error);
  });

  it('an npz is a zip of <name>.npy entries', () => {
    const a = { data: Float32Array.from([1, 2]), shape: [2] };
    const files = unzipSync(encodeNpz({ 'conv.weight': a, 'conv.bias': { data: Float32Array.from([3]), shape: [1] } }));
    expect(Object.keys(files).sort()).toEqual(['conv.bias.npy', 'conv.weight.npy']);
    expect(files['conv.weight.npy']).toEqual(encodeNpy(a));
  });
});
