import { render } from '../../i18n';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AUGMENTATION_INFO, AUGMENTATION_KINDS } from '../augment/schema';
import { SAMPLES_PER_CLASS, SHIFT_KINDS } from '../data/bias';
import { BUILTIN_TARGETS, builtinTargetConfig } from '../data/targets';
import {
  DEFAULT_CONFIG,
  ExperimentConfigObject,
  MAX_TRAINING_WORK,
  ModelUrlSchema,
  parseConfig,
  type ExperimentConfig,
} from '../config/experiment';
import { HOSTED_IDS } from '../models/external';
import { PRESETS } from '../presets';
import { encodeJson, toBase64Url, MAX_LINK_CHARS } from './codec';
import { makeShareText, openShareText, shareTextFromHash, shareUrl, type SharedResults } from './link';
import { msg } from '../messages';

/** Random configs within the schema's bounds (then parsed, so defaults are filled as the app would). */
const configArb: fc.Arbitrary<ExperimentConfig> = fc
  .record({
    source: fc.oneof(
      fc.constantFrom('digits-0-4', 'digits', 'fashion', 'shapes', 'shapes-shortcut').map((id) => ({ kind: 'zoo' as const, id })),
      fc.constantFrom(...HOSTED_IDS).map((id) => ({ kind: 'hosted' as const, id })),
      fc
        .record({
          kind: fc.constant('custom' as const),
          name: fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.replace(/[\p{Cc}<>]/gu, '') || 'm'),
          url: fc.constantFrom(undefined, 'https://example.org/m/model.json', 'http://localhost:5173/model.json'),
        })
        .map((s) => (s.url ? s : { kind: s.kind, name: s.name })),
    ),
    target: fc.oneof(fc.constant({ kind: 'upload' as const }), fc.constantFrom(...BUILTIN_TARGETS).map(builtinTargetConfig)),
    validationFraction: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
    blendFraction: fc.constantFrom(0, 0.1, 0.2, 0.25, 0.3, 0.4),
    splitSeed: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: undefined }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    strategy: fc.oneof(
      fc.constant({ kind: 'linear-probe' as const }),
      fc.integer({ min: 1, max: 8 }).map((n) => ({ kind: 'fine-tune' as const, trainableBlocks: n })),
      fc.double({ min: 0, max: 1, noNaN: true }).map((m) => ({ kind: 'full' as const, backboneLrMultiplier: m })),
    ),
    epochs: fc.integer({ min: 1, max: 200 }),
    batchSize: fc.integer({ min: 1, max: 512 }),
    learningRate: fc.double({ min: 1e-6, max: 1, noNaN: true }),
    scratchBaseline: fc.boolean(),
    seeds: fc.integer({ min: 1, max: 10 }),
    augment: fc.subarray([...AUGMENTATION_KINDS]),
    p: fc.double({ min: 0, max: 1, noNaN: true }),
    samplesPerClass: fc.constantFrom(...SAMPLES_PER_CLASS),
    shift: fc.constantFrom(...SHIFT_KINDS),
    l2sp: fc.double({ min: 0, max: 100, noNaN: true }),
  })
  .map((r) => {
    // Keep within the training-work bound the way a user would: fewer epochs.
    const perClass = r.target.kind === 'builtin' ? r.target.maxPerClass : 1;
    const epochs = Math.max(1, Math.min(r.epochs, Math.floor(MAX_TRAINING_WORK / (r.seeds * perClass))));
    const draft = {
      ...DEFAULT_CONFIG,
      source: r.source,
      target: r.target,
      split: {
        validationFraction: r.validationFraction,
        blendFraction: r.blendFraction,
        ...(r.splitSeed === undefined ? {} : { seed: r.splitSeed }),
      },
      seed: r.seed,
      strategy: r.strategy,
      training: { epochs, batchSize: r.batchSize, learningRate: r.learningRate },
      scratchBaseline: r.scratchBaseline,
      seeds: r.seeds,
      augmentations: Object.fromEntries(r.augment.map((k) => [k, { enabled: true, p: r.p, strength: AUGMENTATION_INFO[k].max }])),
      bias: { samplesPerClass: r.samplesPerClass, shift: { kind: r.shift, severity: 3 } },
      forgetting: { track: r.l2sp > 50, l2sp: r.l2sp, lwf: 0, temperature: 2 },
    };
    const parsed = parseConfig(draft);
    if (!parsed.ok) throw new Error(`the generator made an invalid config: ${parsed.error}`);
    return parsed.config;
  });

const valid = () => {
  const p = parseConfig(PRESETS.shortcut);
  if (!p.ok) throw new Error(p.error.code);
  return p.config;
};

const RESULTS: SharedResults = {
  budget: { epochs: 2, steps: 40, examples: 640 },
  classNames: ['circle', 'square'],
  runs: [
    {
      id: 'transfer',
      kind: 'transfer',
      name: 'Transfer',
      color: '#2563eb',
      status: 'done',
      epochs: [1, 2].map((epoch) => ({
        epoch,
        examplesSeen: 320 * epoch,
        trainLoss: 0.5,
        trainAccuracy: 0.8,
        valLoss: 0.6,
        valAccuracy: 0.75,
        shiftedAccuracy: null,
        sourceAccuracy: null,
        wallMs: 1000,
      })),
    },
  ],
};

describe('share links', () => {
  it('config → link → config is the identity for 1,000 random valid configs (with and without results)', () => {
    fc.assert(
      fc.property(configArb, fc.boolean(), (config, withResults) => {
        const text = makeShareText(config, withResults ? RESULTS : null);
        const opened = openShareText(text);
        expect(opened.ok).toBe(true);
        if (!opened.ok) return;
        expect(opened.share.config).toEqual(config);
        expect(opened.share.results).toEqual(withResults ? RESULTS : null);
      }),
      { numRuns: 1000 },
    );
  });

  it('1,000 random mutations of a valid link (truncation, character flips, insertions) never throw, and never open anything but the original experiment', () => {
    const config = valid();
    const text = makeShareText(config, RESULTS);
    const mutation = fc.oneof(
      fc.integer({ min: 0, max: text.length - 1 }).map((n) => text.slice(0, n)),
      fc
        .tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.constantFrom(...'ABCxyz019-_.%=<'.split('')))
        .map(([i, ch]) => text.slice(0, i) + ch + text.slice(i + 1)),
      fc
        .tuple(fc.integer({ min: 0, max: text.length }), fc.string({ minLength: 1, maxLength: 8 }))
        .map(([i, s]) => text.slice(0, i) + s + text.slice(i)),
    );
    let refused = 0;
    fc.assert(
      fc.property(mutation, (mutated) => {
        const opened = openShareText(mutated);
        if (opened.ok) expect(opened.share.config).toEqual(config);
        else refused++;
      }),
      { numRuns: 1000 },
    );
    // A flip in the last character's unused bits decodes to the very same bytes; nearly every other mutation is refused.
    expect(refused).toBeGreaterThan(900);
  });

  const configWith = (patch: Record<string, unknown>) => ({ ...valid(), ...patch });
  const hostile: [string, string, string][] = [
    ['empty', '', 'empty'],
    ['not one of ours', 'hello-world', 'unknown-format'],
    ['a newer link format', 'v9.AAAA', 'newer-version'],
    ['bad base64', 'v1.@@not*base64!!', 'bad-encoding'],
    ['truncated', makeShareText(valid()).slice(0, 203), 'bad-compression'],
    ['bad compression', `v1.${toBase64Url(Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 255))}`, 'bad-compression'],
    ['oversized', `v1.${'A'.repeat(MAX_LINK_CHARS + 10)}`, 'too-long'],
    [
      'a zip bomb (64 MB of zeros in ~64 KB… here 16 MB in 16 KB)',
      `v1.${toBase64Url(new Uint8Array([0, 0, 0, 0, ...deflateSync(new Uint8Array(16 * 1024 * 1024), { level: 9 })]))}`,
      'too-large',
    ],
    [
      'a checksum that does not match',
      (() => {
        const t = makeShareText(valid());
        return `v1.${'B' + t.slice(4)}`;
      })(),
      'corrupted',
    ],
    ['JSON that is not a share', `v1.${encodeJson([1, 2, 3])}`, 'not-a-share'],
    ['a config from a newer lab', `v1.${encodeJson({ config: configWith({ version: 7 }) })}`, 'newer-version'],
    [
      'a valid encoding of an invalid config (200 epochs × 10 seeds on 100 per class, and more)',
      `v1.${encodeJson({ config: configWith({ seeds: 10, training: { epochs: 200, batchSize: 16, learningRate: 0.003 }, target: { ...valid().target, maxPerClass: 1000 } }) })}`,
      'invalid-config',
    ],
    ['an unknown key', `v1.${encodeJson({ config: configWith({ evil: true }) })}`, 'invalid-config'],
    [
      'a __proto__ key',
      `v1.${encodeJson({ config: JSON.parse(JSON.stringify(valid()).replace('{', '{"__proto__":{"polluted":1},')) })}`,
      'invalid-config',
    ],
    [
      'HTML in a model name',
      `v1.${encodeJson({ config: configWith({ source: { kind: 'custom', name: '<img src=x onerror=alert(1)>' } }) })}`,
      'invalid-config',
    ],
    [
      'a javascript: model URL',
      `v1.${encodeJson({ config: configWith({ source: { kind: 'custom', name: 'm', url: 'javascript:alert(1)' } }) })}`,
      'invalid-config',
    ],
    [
      'a plain-http model URL on another host',
      `v1.${encodeJson({ config: configWith({ source: { kind: 'custom', name: 'm', url: 'http://evil.example/model.json' } }) })}`,
      'invalid-config',
    ],
    [
      '20,000 synthetic images',
      `v1.${encodeJson({ config: configWith({ target: { kind: 'builtin', presetId: 'shapes-gray', ref: { ...(BUILTIN_TARGETS.find((t) => t.presetId === 'shapes-gray')!.ref as object), count: 20000 }, maxPerClass: 40 } }) })}`,
      'invalid-config',
    ],
    [
      'duplicate classes',
      `v1.${encodeJson({ config: configWith({ target: { kind: 'builtin', presetId: 'digits-5-9', ref: { kind: 'packed', dataset: 'mnist', split: 'test', classes: [5, 5, 6] }, maxPerClass: 40 } }) })}`,
      'invalid-config',
    ],
    [
      'HTML in shared results',
      `v1.${encodeJson({ config: valid(), results: { ...RESULTS, runs: [{ ...RESULTS.runs[0], name: '<script>alert(1)</script>' }] } })}`,
      'invalid-results',
    ],
  ];
  for (const [what, text, code] of hostile) {
    it(`a hostile link — ${what} — is refused as ${code}`, () => {
      const opened = openShareText(text);
      expect(opened.ok).toBe(false);
      if (!opened.ok) expect(opened.code).toBe(code);
    });
  }

  it('the invalid-config refusal says where: an unknown key is named', () => {
    const opened = openShareText(`v1.${encodeJson({ config: configWith({ evil: true }) })}`);
    expect(!opened.ok && opened.detail && render(opened.detail)).toMatch(/evil/);
  });

  it('a link made today (the committed v1 fixture) still opens as the shortcut preset', () => {
    const text = readFileSync(new URL('./fixtures/v1-shortcut.link.txt', import.meta.url), 'utf8').trim();
    const opened = openShareText(text);
    expect(opened.ok && opened.share.config).toEqual(valid());
  });

  it('after the schema’s next version, the v1 fixture still opens: migrated step by step, then validated by the new schema (a synthetic v2)', () => {
    // A synthetic v2: `training.learningRate` renamed `training.lr`, and a new `notes` field.
    const V2 = ExperimentConfigObject.extend({
      version: z.literal(2),
      training: z.strictObject({ epochs: z.number().int(), batchSize: z.number().int(), lr: z.number().positive() }),
      notes: z.string().max(100),
    });
    const migrations = {
      1: (c: Record<string, unknown>) => {
        const { learningRate, ...training } = c.training as Record<string, unknown>;
        return { ...c, version: 2, training: { ...training, lr: learningRate }, notes: '' };
      },
    };
    const parse = (raw: unknown) => {
      const r = V2.safeParse(raw);
      return r.success
        ? { ok: true as const, config: r.data as unknown as ExperimentConfig }
        : { ok: false as const, error: msg('msg.detail', r.error.message) };
    };
    const text = readFileSync(new URL('./fixtures/v1-shortcut.link.txt', import.meta.url), 'utf8').trim();
    const opened = openShareText(text, { migrations, current: 2, parse });
    expect(opened.ok).toBe(true);
    const c = opened.ok ? (opened.share.config as unknown as { version: number; training: { lr: number }; notes: string }) : null;
    expect(c?.version).toBe(2);
    expect(c?.training.lr).toBe(PRESETS.shortcut.training.learningRate);
    expect(c?.notes).toBe('');
    // Without the migration step, a v1 config cannot become v2: refused, not guessed.
    expect(openShareText(text, { migrations: {}, current: 2, parse })).toMatchObject({ ok: false, code: 'invalid-config' });
  });

  it('links live in the fragment, among other parameters', () => {
    const text = makeShareText(valid());
    const url = shareUrl('https://lab.example/app/?a=1#old', text);
    expect(url).toBe(`https://lab.example/app/?a=1#x=${text}`);
    expect(shareTextFromHash(new URL(url).hash)).toBe(text);
    expect(shareTextFromHash('#lang=zh&x=abc')).toBe('abc');
    expect(shareTextFromHash('')).toBeNull();
  });
});

describe('model URLs', () => {
  it('https anywhere, http only on this machine; never a user name or password; a non-URL is refused, not thrown', () => {
    const ok = (u: string) => ModelUrlSchema.safeParse(u).success;
    expect(ok('https://storage.example.org/m/model.json')).toBe(true);
    expect(ok('http://localhost:5173/model.json')).toBe(true);
    expect(ok('http://127.0.0.1:9/model.json')).toBe(true);
    expect(ok('http://models.example.org/model.json')).toBe(false);
    expect(ok('https://user:pw@example.org/model.json')).toBe(false);
    expect(ok('javascript:alert(1)')).toBe(false);
    expect(ok('data:application/json,{}')).toBe(false);
    expect(ok('models/mine/model.json')).toBe(false);
  });
});
