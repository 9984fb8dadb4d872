import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/experiment';
import { PRESETS } from '../presets';
import { openBundle, safeName, writeBundle } from './bundle';
import { readZip, unsafePath } from './zipSafety';

const config = (() => {
  const p = parseConfig(PRESETS.shortcut);
  if (!p.ok) throw new Error(p.error.code);
  return p.config;
})();
const png = (n: number) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, n]);
const manifest = strToU8(JSON.stringify({ app: 'transfer-lab', bundleVersion: 1, config }));

describe('bundles', () => {
  it('write → open round-trips the config, the results and every image with its class, in ImageFolder layout', () => {
    const results = {
      budget: { epochs: 1, steps: 5, examples: 80 },
      classNames: ['cat', 'dog'],
      runs: [
        {
          id: 'transfer',
          kind: 'transfer' as const,
          name: 'Transfer',
          color: '#2563eb',
          status: 'done' as const,
          epochs: [
            {
              epoch: 1,
              examplesSeen: 80,
              trainLoss: 0.4,
              trainAccuracy: 0.9,
              valLoss: 0.5,
              valAccuracy: 0.85,
              shiftedAccuracy: null,
              sourceAccuracy: null,
              wallMs: 10,
            },
          ],
        },
      ],
    };
    const images = [
      { className: 'cat', name: 'a.jpg', png: png(1) },
      { className: 'cat', name: 'a.png', png: png(2) },
      { className: 'dog/../x', name: 'b.png', png: png(3) },
    ];
    const zip = writeBundle(config, results, images, [
      { runId: 'transfer', modelJson: '{"format":"layers-model"}', weights: new Uint8Array(16) },
    ]);
    const opened = openBundle(zip);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.bundle.config).toEqual(config);
    expect(opened.bundle.results).toEqual(results);
    expect(opened.bundle.images.map((i) => [i.className, i.name, i.bytes[8]])).toEqual([
      ['cat', 'a.png', 1],
      ['cat', 'a-2.png', 2],
      ['dog_.._x', 'b.png', 3],
    ]);
    // The trained model rides along for the user; import leaves it out, and says so.
    expect(opened.bundle.skipped).toEqual([
      { path: 'models/transfer/model.json', reason: 'trained-model' },
      { path: 'models/transfer/weights.bin', reason: 'trained-model' },
    ]);
  });

  it('unsafe names are refused: .., absolute paths, drive letters, backslashes, NUL', () => {
    for (const name of [
      '../evil.png',
      'images/../../etc/passwd',
      '/etc/passwd',
      'C:/Windows/x.png',
      'images\\cat\\a.png',
      'images/cat/a\u0000.png',
      '',
    ])
      expect(unsafePath(name), name).not.toBeNull();
    for (const name of ['images/cat/a.png', 'experiment.json', 'images/cat..dog/a..b.png']) expect(unsafePath(name), name).toBeNull();
    expect(safeName('..hidden')).toBe('_hidden');
    expect(safeName('a/b\\c:d')).toBe('a_b_c_d');
  });

  it('a hostile zip: traversal, absolute and backslash paths, a symlink and a nested zip are skipped and named; the rest is read', () => {
    const zip = zipSync({
      'experiment.json': manifest,
      '../evil.png': png(1),
      '/abs.png': png(2),
      'images\\cat\\b.png': png(3),
      'images/cat/link.png': [strToU8('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }],
      'images/cat/inner.zip': zipSync({ 'x.png': png(4) }),
      'images/cat/ok.png': png(5),
      'notes/readme.txt': strToU8('hello'),
    });
    const opened = openBundle(zip);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.bundle.images.map((i) => i.name)).toEqual(['ok.png']);
    expect(Object.fromEntries(opened.bundle.skipped.map((s) => [s.path, s.reason]))).toEqual({
      '../evil.png': 'unsafe-path',
      '/abs.png': 'unsafe-path',
      'images\\cat\\b.png': 'unsafe-path',
      'images/cat/link.png': 'symlink',
      'images/cat/inner.zip': 'nested-zip',
      'notes/readme.txt': 'outside-images',
    });
  });

  it('a zip bomb stops at the cap while inflating, whatever the sizes in its headers say', () => {
    const bomb = zipSync({ 'experiment.json': manifest, 'images/a/zeros.png': [new Uint8Array(8 * 1024 * 1024), { level: 9 }] });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const limits = { maxEntries: 100, maxTotalBytes: 2 * 1024 * 1024, maxEntryBytes: 1024 * 1024 };
    const r = readZip(bomb, limits);
    expect(r.ok && r.read.skipped).toEqual([{ path: 'images/a/zeros.png', reason: 'too-large' }]);
    // Over the whole-bundle budget rather than one entry's, the import stops.
    const many = zipSync(
      Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`images/a/${i}.png`, [new Uint8Array(900 * 1024), { level: 9 }]])),
    );
    expect(readZip(many, limits)).toEqual({ ok: false, code: 'too-large' });
    // And too many entries is refused before any is read.
    expect(readZip(zipSync(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, png(i)]))), limits)).toEqual({
      ok: false,
      code: 'too-many-entries',
    });
  });

  it('what is not a bundle says so: not a zip, no experiment.json, an invalid manifest or config', () => {
    expect(openBundle(strToU8('just text'))).toEqual({ ok: false, code: 'not-a-zip' });
    expect(openBundle(zipSync({ 'a.png': png(1) }))).toEqual({ ok: false, code: 'no-manifest' });
    expect(openBundle(zipSync({ 'experiment.json': strToU8('{"app":"other"}') }))).toEqual({ ok: false, code: 'bad-manifest' });
    const bad = strToU8(JSON.stringify({ app: 'transfer-lab', bundleVersion: 1, config: { ...config, evil: 1 } }));
    expect(openBundle(zipSync({ 'experiment.json': bad }))).toMatchObject({ ok: false, code: 'invalid-config' });
    const newer = strToU8(JSON.stringify({ app: 'transfer-lab', bundleVersion: 9, config }));
    expect(openBundle(zipSync({ 'experiment.json': newer }))).toEqual({ ok: false, code: 'newer-version' });
  });

  it('a student’s class mark and a class board travel in the bundle; a bad one refuses it by name', () => {
    const board = {
      config: null,
      students: [],
      refused: [{ from: 'line 3', reason: 'duplicate-seed', nickname: 'Ana', seed: 7 }],
    };
    const opened = openBundle(writeBundle(config, null, [], [], { class: { kind: 'result', student: '陈伟' }, board }));
    expect(opened.ok && opened.bundle.class).toEqual({ kind: 'result', student: '陈伟' });
    expect(opened.ok && opened.bundle.board).toEqual(board);
    const plain = openBundle(writeBundle(config, null, []));
    expect(plain.ok && [plain.bundle.class, plain.bundle.board]).toEqual([null, null]);
    const manifest = (extra: object) =>
      zipSync({ 'experiment.json': strToU8(JSON.stringify({ app: 'transfer-lab', bundleVersion: 1, config, ...extra })) });
    expect(openBundle(manifest({ board: { ...board, students: 'many' } }))).toEqual({ ok: false, code: 'invalid-board' });
    expect(openBundle(manifest({ class: { kind: 'result', student: 'a\u0007b' } }))).toEqual({ ok: false, code: 'invalid-class' });
  });
});
