import { describe, expect, it } from 'vitest';
import { classFromPath } from './folderPaths';
import { COMMIT_AT_MOST, createUploadStore, toImageSet, trainingBlocker } from './uploadStore';
import type { Decode } from '../../platform/decode/decodePool';
import { render } from '../../i18n';
import type { Msg } from '../../core/messages';
import { LARGE_SIDE } from '../../core/models/inputSpec';

// The upload store and the ImageFolder layout it reads; sniffing and decoding bytes: platform/decode/sniff.test.ts.
const said = (m: Msg | null) => (m ? render(m) : null);

describe('classFromPath (ImageFolder layout)', () => {
  it('uses the immediate parent folder as the class', () => {
    expect(classFromPath('pets/cat/1.jpg')).toBe('cat');
    expect(classFromPath('/pets/dog/sub/2.jpg')).toBe('sub');
    expect(classFromPath('cat/1.jpg')).toBe('cat');
    expect(classFromPath('C:\\photos\\bird\\3.png')).toBe('bird');
  });

  it('gives null for files at the root of the drop', () => {
    expect(classFromPath('1.jpg')).toBeNull();
    expect(classFromPath('/1.jpg')).toBeNull();
  });
});

describe('upload store', () => {
  const image = (id: string, fill: number, side = 2) => ({
    id,
    name: `${id}.png`,
    pixels: new Uint8Array(side * side * 3).fill(fill),
    pixelsLarge: new Uint8Array(LARGE_SIDE * LARGE_SIDE * 3).fill(100 + fill),
    thumbnailUrl: '',
    hash: id,
  });

  it('refuses training with fewer than 2 classes or too few images per class', () => {
    expect(said(trainingBlocker([]))).toMatch(/at least 2 classes/);
    expect(said(trainingBlocker([{ name: 'cat', images: [1, 2, 3] }]))).toMatch(/you have 1/);
    expect(
      said(
        trainingBlocker([
          { name: 'cat', images: [1, 2] },
          { name: 'dog', images: [1] },
        ]),
      ),
    ).toBe('Class "dog" has 1 image; every class needs at least 2 (at least one for training and one for validation)');
    expect(
      said(
        trainingBlocker([
          { name: 'a', images: [] },
          { name: 'b', images: [1] },
          { name: 'c', images: [1, 2] },
        ]),
      ),
    ).toMatch(/"a" \(0\) and "b" \(1\)/);
    expect(
      trainingBlocker([
        { name: 'cat', images: [1, 2] },
        { name: 'dog', images: [1, 2] },
      ]),
    ).toBeNull();
  });

  it('adds, renames (rejecting empty and duplicate names) and deletes classes', () => {
    const store = createUploadStore(2);
    const a = store.getState().addClass()!;
    const b = store.getState().addClass('dog')!;
    expect(store.getState().classes.map((c) => c.name)).toEqual(['Class 1', 'dog']);
    expect(store.getState().addClass('Dog ')).toBeNull();
    expect(store.getState().renameClass(a, '  ')).toBe(false);
    expect(store.getState().renameClass(a, 'DOG')).toBe(false);
    expect(store.getState().renameClass(a, ' cat ')).toBe(true);
    expect(store.getState().renameClass(b, 'Dog')).toBe(true); // case change of itself is fine
    expect(store.getState().messages.map((m) => render(m.text))).toEqual([
      'There is already a class named "Dog"',
      'A class name cannot be empty',
      'There is already a class named "DOG"',
    ]);
    store.getState().clearMessages();
    store.getState().deleteClass(a);
    expect(store.getState().classes.map((c) => c.name)).toEqual(['Dog']);
    expect(store.getState().messages).toEqual([]);
  });

  it('packs images into one ImageSet in class order', () => {
    const classes = [
      { id: 'c1', name: 'cat', images: [image('a', 1), image('b', 2)] },
      { id: 'c2', name: 'empty', images: [] },
      { id: 'c3', name: 'dog', images: [image('c', 3)] },
    ];
    const set = toImageSet({ classes }, 2)!;
    expect([set.width, set.height, set.channels]).toEqual([2, 2, 3]);
    expect(set.classNames).toEqual(['cat', 'empty', 'dog']);
    expect(Array.from(set.labels)).toEqual([0, 0, 2]);
    expect(Array.from(set.pixels.filter((_, i) => i % 12 === 0))).toEqual([1, 2, 3]);
    expect(toImageSet({ classes: [{ id: 'x', name: 'x', images: [] }] }, 2)).toBeNull();
    expect(() => toImageSet({ classes }, 4)).toThrow(/expected 48/);
    // Photo sources get the 224 copy of the same images, in the same order.
    const large = toImageSet({ classes }, LARGE_SIDE)!;
    expect([large.width, large.pixels.length]).toEqual([LARGE_SIDE, 3 * LARGE_SIDE * LARGE_SIDE * 3]);
    expect([large.pixels[0], large.pixels[LARGE_SIDE * LARGE_SIDE * 3], large.pixels[2 * LARGE_SIDE * LARGE_SIDE * 3]]).toEqual([
      101, 102, 103,
    ]);
  });

  it('commits files in input order, at most COMMIT_AT_MOST per update, even when the first file is the slowest', async () => {
    const n = 100;
    let release!: () => void;
    const firstDone = new Promise<void>((resolve) => (release = resolve));
    const decode: Decode = async (file) => {
      const i = Number(file.name.split('.')[0]);
      // The first file finishes last: everything behind it is ready at once when it does.
      if (i === 0) await firstDone;
      else if (i === n - 1) release();
      return { ok: true, pixels: new Uint8Array(12).fill(i % 256), pixelsLarge: null, thumbnailUrl: '', hash: `h${i}` };
    };
    const store = createUploadStore(2, null, decode);
    const id = store.getState().addClass('cat')!;
    const sizes: number[] = [];
    let last = 0;
    store.subscribe((s) => {
      const count = s.classes[0].images.length;
      if (count !== last) sizes.push(count - last);
      last = count;
    });
    await store.getState().addFiles(
      Array.from({ length: n }, (_, i) => ({ file: new File([new Uint8Array([i])], `${i}.png`) })),
      id,
    );
    const names = store.getState().classes[0].images.map((im) => im.name);
    expect(names).toEqual(Array.from({ length: n }, (_, i) => `${i}.png`));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(COMMIT_AT_MOST);
    expect(sizes.length).toBeGreaterThanOrEqual(Math.ceil(n / COMMIT_AT_MOST));
    expect(store.getState().progress).toEqual({ done: 0, total: 0 });
  });
});
