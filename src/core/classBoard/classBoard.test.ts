import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, ExperimentConfigSchema, type ExperimentConfig } from '../config/experiment';
import { experimentFingerprint } from '../config/keys';
import { makeShareText, openShareText } from '../share/link';
import { studentResults } from '../testing/studentResults';
import { PRESETS } from '../presets';
import { admit, EMPTY_BOARD, BoardSchema, MAX_STUDENTS, openCandidate, StudentSchema, type Candidate } from './board';
import { classReport, presetOf, quantile, tukeyOutliers } from './classReport';
import { cleanNickname, nicknameSeed } from './classMark';
import { findShareTexts } from './findLinks';

const CLASS: ExperimentConfig = { ...DEFAULT_CONFIG, training: { ...DEFAULT_CONFIG.training, epochs: 3 } };

const results = (transfer: number, scratch: number) => studentResults(3, transfer, scratch);

const resultText = (nickname: string | null, seed: number, t: number, s: number, config = CLASS) =>
  makeShareText({ ...config, seed }, results(t, s), { kind: 'result', student: nickname });

const offer = (texts: string[]): Candidate[] => texts.map((text, i) => openCandidate(text, { via: 'paste', line: i + 1 }));

describe('class marks and nicknames', () => {
  it('a nickname is plain bounded text; its seed ignores case, spacing and Unicode form', () => {
    expect(cleanNickname('  Ana\u0000 <b>Li</b>\n ')).toBe('Ana bLi/b');
    expect(cleanNickname('x'.repeat(100))).toHaveLength(40);
    expect(nicknameSeed('Ana')).toBe(nicknameSeed(' ana  '));
    expect(nicknameSeed('Ａｎａ')).toBe(nicknameSeed('Ana')); // full-width letters (NFKC)
    const seeds = ['Ana', 'Ben', 'Chen Wei', '陈伟', '李娜', 'Dora', 'dora2'].map(nicknameSeed);
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const s of seeds) expect(ExperimentConfigSchema.safeParse({ ...DEFAULT_CONFIG, seed: s }).success).toBe(true);
  });

  it('links carry the mark; links without one still open; a bad mark refuses the link by name', () => {
    const opened = openShareText(resultText('Ana', 7, 0.9, 0.6));
    expect(opened.ok && opened.share.class).toEqual({ kind: 'result', student: 'Ana' });
    const plain = openShareText(makeShareText(CLASS));
    expect(plain.ok && plain.share.class).toBeNull();
    const bad = openShareText(makeShareText(CLASS, null, { kind: 'result', student: '<script>' }));
    expect(bad).toMatchObject({ ok: false, code: 'invalid-class' });
  });

  it('the fingerprint ignores only the seed (the nickname is not part of the experiment)', () => {
    const a = openShareText(resultText('Ana', 1, 0.9, 0.5));
    const b = openShareText(resultText('Ben', 99, 0.2, 0.7));
    expect(a.ok && b.ok && experimentFingerprint(a.share.config)).toBe(b.ok && experimentFingerprint(b.share.config));
    expect(experimentFingerprint({ ...CLASS, seeds: 2 })).not.toBe(experimentFingerprint(CLASS));
  });
});

describe('finding links in pasted text', () => {
  it('finds every link, one per line or several on a line, among other text, with its line', () => {
    const a = resultText('Ana', 1, 0.9, 0.5);
    const b = resultText('Ben', 2, 0.8, 0.6);
    const pasted = `Ana: https://lab.example/#x=${a}\n\nhello\nBen sent http://localhost:4173/?q=1#view=share&x=${b} and x=v1.AAAA\r\nno link here`;
    expect(findShareTexts(pasted)).toEqual([
      { text: a, line: 1 },
      { text: b, line: 4 },
      { text: 'v1.AAAA', line: 4 },
    ]);
    expect(findShareTexts('box=v1.abc max=v1.x')).toEqual([]);
  });
});

describe('the board', () => {
  it('adds students and lists every refusal with its reason: another experiment, a duplicate seed, a damaged link, no results', () => {
    const good = [resultText('Ana', 11, 0.9, 0.6), resultText('Ben', 12, 0.85, 0.7), resultText(null, 13, 0.6, 0.65)];
    const other = resultText('Eve', 14, 0.9, 0.6, { ...CLASS, training: { ...CLASS.training, epochs: 4 } });
    const duplicate = resultText('Ana again', 11, 0.1, 0.1);
    const damaged = good[1].slice(0, 40) + (good[1][40] === 'A' ? 'B' : 'A') + good[1].slice(41);
    const settingsOnly = makeShareText({ ...CLASS, seed: 15 }, null, { kind: 'result', student: 'Dan' });
    const board = admit(EMPTY_BOARD, offer([...good, other, duplicate, damaged, settingsOnly]));
    expect(board.students.map((s) => [s.nickname, s.seed])).toEqual([
      ['Ana', 11],
      ['Ben', 12],
      [null, 13],
    ]);
    expect(board.refused.map((r) => [r.from, r.reason, r.nickname])).toEqual([
      [{ via: 'paste', line: 4 }, 'other-experiment', 'Eve'],
      [{ via: 'paste', line: 5 }, 'duplicate-seed', 'Ana again'],
      [{ via: 'paste', line: 6 }, expect.stringMatching(/^(corrupted|bad-compression|bad-encoding|bad-json)$/), null],
      [{ via: 'paste', line: 7 }, 'no-results', 'Dan'],
    ]);
    expect(BoardSchema.parse(JSON.parse(JSON.stringify(board)))).toEqual(board);
    // A board saved when origins were English text still opens; an origin that is not plain text does not.
    const legacy = { ...board, refused: board.refused.map((r) => ({ ...r, from: `line ${(r.from as { line: number }).line}` })) };
    expect(BoardSchema.parse(legacy).refused[0].from).toBe('line 4');
    const hostile = { ...board, refused: [{ ...board.refused[0], from: { via: 'file', file: '<img src=x>' } }] };
    expect(BoardSchema.safeParse(hostile).success).toBe(false);
    // Adding the same links again adds no one.
    expect(admit(board, offer(good)).students).toHaveLength(3);
  });

  it('takes 500 students and refuses the 501st by name', () => {
    const texts = Array.from({ length: 501 }, (_, i) => resultText(null, 5000 + i, 0.8, 0.7));
    const board = admit(EMPTY_BOARD, offer(texts));
    expect(board.students).toHaveLength(MAX_STUDENTS);
    expect(board.refused.map((r) => [r.reason, r.seed])).toEqual([['board-full', 5500]]);
    expect(classReport(board, 0.8).transfer!.seeds).toBe(500);
  });

  it('the class report matches an independent computation: NTG mean, t-based 95% CI, negatives, outliers', () => {
    const finals: [number, number][] = [
      [0.9, 0.6],
      [0.85, 0.7],
      [0.6, 0.65],
      [0.8, 0.62],
      [0.88, 0.61],
      [0.2, 0.9],
    ];
    const board = admit(EMPTY_BOARD, offer(finals.map(([t, s], i) => resultText(`s${i}`, 100 + i, t, s))));
    const report = classReport(board, 0.8);
    const ntg = finals.map(([t, s]) => s - t);
    const n = ntg.length;
    const mean = ntg.reduce((a, b) => a + b) / n;
    const sd = Math.sqrt(ntg.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const t = tCritical(n - 1);
    expect(report.transfer!.ntg.mean).toBeCloseTo(mean, 12);
    expect(report.transfer!.ntg.lo).toBeCloseTo(mean - (t * sd) / Math.sqrt(n), 3);
    expect(report.transfer!.ntg.hi).toBeCloseTo(mean + (t * sd) / Math.sqrt(n), 3);
    expect(report.negative).toBe(2);
    expect(report.students.map((s) => s.outlier)).toEqual([false, false, false, false, false, true]);
    expect(report.finals.transfer.mean).toBeCloseTo(finals.reduce((a, [x]) => a + x, 0) / n, 12);
    expect(report.plan.map((p) => p.id)).toEqual(['transfer', 'scratch']);
  });

  it('quartiles as NumPy computes them; fences need four values', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12); // numpy.quantile([1,2,3,4], 0.25)
    expect(quantile([1, 2, 3, 4, 10], 0.75)).toBe(4);
    expect(tukeyOutliers([1, 100, 2])).toEqual([false, false, false]);
  });

  it('a class of a preset is compared with the preset’s calibrated range', () => {
    const positive = { ...PRESETS.positive, seeds: 1 };
    expect(presetOf({ ...positive, seed: 4242 })).toBe('positive');
    expect(presetOf(CLASS)).toBeNull();
    const board = admit(
      EMPTY_BOARD,
      offer(
        [0, 1, 2].map((i) =>
          makeShareText({ ...positive, seed: 5 + i }, results(0.8, 0.5 + i * 0.1), { kind: 'result', student: `p${i}` }),
        ),
      ),
    );
    const cmp = classReport(board, 0.8).preset!;
    expect(cmp).toMatchObject({ preset: 'positive', expected: 'positive', of: 3 });
    expect(cmp.classMean).toBeCloseTo((0.3 + 0.2 + 0.1) / 3, 6);
  });

  it('1,000 mutated result links never throw and never add a student who is not valid', () => {
    const base = resultText('Ana', 21, 0.9, 0.6);
    const mutated = fc.tuple(
      fc.nat(base.length),
      fc.nat(base.length),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('flip', 'cut', 'insert'),
    );
    fc.assert(
      fc.property(mutated, ([at, to, text, how]) => {
        const [a, b] = [Math.min(at, to), Math.max(at, to)];
        const link =
          how === 'cut'
            ? base.slice(0, a) + base.slice(b)
            : how === 'insert'
              ? base.slice(0, a) + text + base.slice(a)
              : base.slice(0, a) + text + base.slice(a + text.length);
        const board = admit(EMPTY_BOARD, offer([link]));
        for (const s of board.students) {
          expect(StudentSchema.safeParse(s).success).toBe(true);
          expect(ExperimentConfigSchema.safeParse(board.config).success).toBe(true);
        }
        expect(board.students.length + board.refused.length).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });
});

/** t(0.975, df) found afresh: bisection on the Student t CDF, integrated with Simpson's rule (not the lab's table). */
function tCritical(df: number): number {
  const logGamma = (z: number): number => {
    const g = [
      676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905, -0.13857109526572012,
      9.984369578019572e-6, 1.5056327351493116e-7,
    ];
    let x = 0.9999999999998099;
    for (let i = 0; i < g.length; i++) x += g[i] / (z + i);
    const t = z + g.length - 1.5;
    return 0.5 * Math.log(2 * Math.PI) + (z - 0.5) * Math.log(t) - t + Math.log(x);
  };
  const c = Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2)) / Math.sqrt(df * Math.PI);
  const pdf = (x: number) => c * (1 + (x * x) / df) ** (-(df + 1) / 2);
  const cdf = (x: number) => {
    const steps = 2000;
    const h = x / steps;
    let s = pdf(0) + pdf(x);
    for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * pdf(i * h);
    return 0.5 + (s * h) / 3;
  };
  let lo = 0;
  let hi = 20;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < 0.975) lo = mid;
    else hi = mid;
  }
  return lo;
}
