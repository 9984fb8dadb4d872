import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { classFolders, zipProject } from './project';

describe('project layout', () => {
  it('class folders sort as the lab orders its classes, and stay unique and file-system safe', () => {
    expect(classFolders(['circle', 'square', 'triangle', 'star'])).toEqual(['0_circle', '1_square', '2_triangle', '3_star']);
    const many = classFolders(Array.from({ length: 12 }, (_, i) => `c${i}`));
    expect([...many].sort()).toEqual(many);
    expect(classFolders(['a/b', 'A/B', '..', '猫'])).toEqual(['0_a_b', '1_A_B', '2_class', '3_猫']);
    expect(classFolders(['x', 'x'])).toEqual(['0_x', '1_x']);
  });

  it('zips under one folder, byte for byte, the same every time', () => {
    const files = { 'train.py': new TextEncoder().encode('print(1)\n'), 'data/train/0_a/0.png': Uint8Array.of(1, 2, 3) };
    const zip = zipProject(files, 'exp');
    expect(unzipSync(zip)).toEqual({ 'exp/train.py': files['train.py'], 'exp/data/train/0_a/0.png': files['data/train/0_a/0.png'] });
    expect(zipProject(files, 'exp')).toEqual(zip);
  });
});
