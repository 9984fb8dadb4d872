import { describe, expect, it } from 'vitest';
import { comparePaths, foldersPerClass } from './folderPaths';

describe('one order for uploaded paths', () => {
  it('sorts segment by segment with numbers by value, whatever order the files came in', () => {
    const paths = ['root/b10/img2.png', 'root/b9/img10.png', 'root/b9/img9.png', 'root/a 1/x.png', 'root/a/z.png', 'root/b9/Img1.png'];
    const expected = ['root/a/z.png', 'root/a 1/x.png', 'root/b9/Img1.png', 'root/b9/img9.png', 'root/b9/img10.png', 'root/b10/img2.png'];
    expect([...paths].sort(comparePaths)).toEqual(expected);
    expect([...paths].reverse().sort(comparePaths)).toEqual(expected);
    // Total: distinct paths never compare equal (so the sort is deterministic), equal ones do.
    expect(comparePaths('root/a.png', 'root/A.png')).not.toBe(0);
    expect(comparePaths('root/a.png', 'root/a.png')).toBe(0);
  });

  it('names a class that arrives from two folders (train/cat and val/cat), and only those', () => {
    expect(
      foldersPerClass(['d/train/cat/1.png', 'd/train/dog/1.png', 'd/val/cat/1.png', 'd/val/Cat/2.png', 'd/train/cat/2.png', 'loose.png']),
    ).toEqual([{ className: 'cat', folders: ['d/train/cat', 'd/val/cat', 'd/val/Cat'] }]);
    expect(foldersPerClass(['d/cat/1.png', 'd/cat/2.png', 'd/dog/1.png'])).toEqual([]);
  });
});
