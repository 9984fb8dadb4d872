import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlesForTests, knows, LANGUAGES, render } from './index';
import { msg, MsgSchema } from '../core/messages';
import { codesUsed, scanComponent, scanEngine } from './literals';
import { catalogZh } from './catalog';
import { ZOO } from '../core/models/zoo';
import { HOSTED_MODELS } from '../core/models/hosted';
import { BUILTIN_TARGETS } from '../core/data/targets';
import { SHAPE_KINDS } from '../core/data/synthetic';
import { SHIFT_KINDS, shiftAmount } from '../core/data/bias';
import { PRESET_IDS } from '../core/presets';
import { PRESET_SPREAD } from '../core/presetSpread';

const datasets: { classNames: string[] }[] = JSON.parse(
  readFileSync(new URL('../../public/datasets/index.json', import.meta.url), 'utf8'),
).datasets;

const SRC = new URL('..', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(join(SRC, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(SRC, p)).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
const read = (p: string) => readFileSync(join(SRC, p), 'utf8');

/** The shape of a dictionary: keys, and for each function its arity. */
function shape(v: unknown, path = ''): string[] {
  if (typeof v === 'function') return [`${path}()${v.length}`];
  if (typeof v === 'string') return [path];
  if (Array.isArray(v)) return [`${path}[${v.length}]`, ...v.flatMap((x, i) => shape(x, `${path}[${i}]`))];
  if (v && typeof v === 'object')
    return Object.keys(v)
      .sort()
      .flatMap((k) => shape((v as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  return [`${path}:${typeof v}`];
}

/**
 * The built-in catalogue keeps its English beside its data (ids, recipes, class lists); the UI
 * shows the Chinese by id (catalog.zh.ts), and the test below holds every entry to that.
 */
const CATALOGUES = ['core/data/targets.ts', 'core/models/zoo.ts', 'core/models/hosted.ts'];
/** The PyTorch project's README and experiment.json are English documentation shipped with Python code, not UI. */
const PROJECT_DOCS = ['core/export/runs.ts', 'core/export/project.ts'];

describe('translations', () => {
  it('every built-in model, hosted model, target and class name has its Chinese', () => {
    const missing = [
      ...ZOO.filter((m) => !catalogZh.zoo[m.id]?.name || !catalogZh.zoo[m.id]?.description || !catalogZh.zoo[m.id]?.sourceDomain).map(
        (m) => `zoo ${m.id}`,
      ),
      ...HOSTED_MODELS.filter((m) => !catalogZh.hosted[m.id]?.name || !catalogZh.hosted[m.id]?.description).map((m) => `hosted ${m.id}`),
      ...BUILTIN_TARGETS.filter((t) => !catalogZh.targets[t.presetId]?.name || !catalogZh.targets[t.presetId]?.description).map(
        (t) => `target ${t.presetId}`,
      ),
      ...[...SHAPE_KINDS, ...datasets.flatMap((d) => d.classNames)]
        .filter((c) => /[a-z]{2,}/i.test(c) && !catalogZh.classNames[c])
        .map((c) => `class ${c}`),
    ];
    expect(missing).toEqual([]);
  });

  it('a shifted test set is named with its strength, in each language, one name per shift and severity', () => {
    const label = (lang: 'en' | 'zh', kind: (typeof SHIFT_KINDS)[number], severity: number) =>
      bundlesForTests[lang].ui.bias.shiftLabel(kind, severity, shiftAmount(kind, severity));
    expect([label('en', 'brightness', 2), label('zh', 'brightness', 2)]).toEqual(['Brightness +0.30', '亮度 +0.30']);
    expect([label('en', 'invert', 5), label('zh', 'invert', 5)]).toEqual(['Invert 100%', '反色 100%']);
    expect([label('en', 'contrast', 1), label('zh', 'contrast', 1)]).toEqual(['Contrast ×0.82', '对比度 ×0.82']);
    for (const lang of ['en', 'zh'] as const) {
      const names = SHIFT_KINDS.filter((k) => k !== 'none').flatMap((k) => [1, 2, 3, 4, 5].map((sev) => label(lang, k, sev)));
      expect(new Set(names).size).toBe(names.length);
      if (lang === 'zh') for (const n of names) expect(n.replace(/px\b/g, '')).not.toMatch(/[A-Za-z]{2,}/); // units aside
    }
  });

  it("each preset's range across its calibrated seeds reads, in each language, the generated figures", () => {
    const asShown = (x: number, tau: boolean) => (tau ? x.toFixed(2) : Math.abs(x * 100).toFixed(1));
    for (const id of PRESET_IDS) {
      const s = PRESET_SPREAD[id];
      for (const lang of ['en', 'zh'] as const) {
        const text = bundlesForTests[lang].presets.spread(s);
        const tau = s.metric.startsWith('tau');
        expect(text, `${lang} ${id}`).toContain(asShown(s.min, tau));
        expect(text, `${lang} ${id}`).toContain(asShown(s.max, tau));
        expect(text, `${lang} ${id}`).toContain(String(s.seeds));
      }
    }
    // A range that crosses zero keeps its signs: the domain gap's outcome is not one-sided.
    expect(bundlesForTests.en.presets.spread({ metric: 'asymptoticGain', min: -0.033, max: 0.267, seeds: 15, sets: 3 })).toContain(
      'from −3.3 to +26.7 points',
    );
  });

  it('every language has exactly the keys (and function arities) of English', () => {
    const en = shape(bundlesForTests.en);
    expect(en.length).toBeGreaterThan(700);
    for (const lang of LANGUAGES) {
      const other = shape(bundlesForTests[lang]);
      expect(
        other.filter((k) => !en.includes(k)),
        `${lang}: keys English lacks`,
      ).toEqual([]);
      expect(
        en.filter((k) => !other.includes(k)),
        `${lang}: keys missing`,
      ).toEqual([]);
    }
  });

  it('no Chinese string is left in English', () => {
    const same: string[] = [];
    const walk = (a: unknown, b: unknown, path: string) => {
      if (typeof a === 'string' && a === b && /[A-Za-z]{3,}\s+[a-z]{3,}/.test(a)) same.push(path);
      else if (a && typeof a === 'object')
        for (const k of Object.keys(a)) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)?.[k], `${path}.${k}`);
    };
    walk(bundlesForTests.en, bundlesForTests.zh, '');
    expect(same).toEqual([]);
  });

  it('every message code the engine, worker, stores and components emit exists in every language', () => {
    const missing = ['core', 'lab', 'platform', 'workers', 'features', 'ui', 'app'].flatMap(files).flatMap((f) =>
      codesUsed(read(f))
        .filter((c) => LANGUAGES.some((l) => !knows(l, c)))
        .map((c) => `${f}: ${c}`),
    );
    expect(missing).toEqual([]);
  });

  it('no user-facing literal is left in a component', () => {
    const found = ['features', 'ui', 'app'].flatMap(files).flatMap((f) => scanComponent(f, read(f)));
    expect(found.map((x) => `${x.file}:${x.line} ${x.why}: ${x.text}`)).toEqual([]);
  });

  it('no sentence is left in an engine, worker or store message', () => {
    const found = ['core', 'lab', 'platform', 'workers']
      .flatMap(files)
      .filter((f) => !f.includes('testing/') && !f.includes('export/python/') && !CATALOGUES.includes(f) && !PROJECT_DOCS.includes(f))
      .flatMap((f) => scanEngine(f, read(f)));
    expect(found.map((x) => `${x.file}:${x.line} ${x.why}: ${x.text}`)).toEqual([]);
  });

  it('a message from a record never breaks rendering, and records carry only engine codes', () => {
    expect(render({ code: 'ui.source.trainedOnValue', args: [] })).toBe('ui.source.trainedOnValue');
    expect(render({ code: 'no.such.code', args: [1] })).toBe('no.such.code');
    expect(render(msg('msg.run.transferFrom', 'digits'))).toBe('Transfer · digits');
    expect(MsgSchema.safeParse({ code: 'ui.source.trainedOnValue', args: [] }).success).toBe(false);
    expect(MsgSchema.safeParse(msg('msg.invalidConfig', msg('msg.detail', 'x'))).success).toBe(true);
    expect(MsgSchema.safeParse(msg('msg.invalidConfig', msg('msg.detail', msg('msg.detail', 'x')))).success).toBe(false);
  });

  it('the checks find what they must (a literal in JSX, an attribute, a sentence in an error)', () => {
    expect(scanComponent('x.tsx', 'const A = () => <p title="Open the file">Hello world</p>;').map((f) => f.why)).toEqual([
      '"title" attribute',
      'JSX text',
    ]);
    expect(scanComponent('x.tsx', "const A = () => <p>{'Saved just now'}</p>;")).toHaveLength(1);
    expect(scanComponent('x.tsx', 'const A = () => <p data-testid="ok">{t.ok} · 42%</p>;')).toEqual([]);
    expect(scanEngine('x.ts', "throw new Error('The model could not be loaded');")).toHaveLength(1);
    expect(scanEngine('x.ts', "set({ error: 'the page was closed' });")).toHaveLength(1);
    expect(scanEngine('x.ts', "throw coded('msg.plan.noSource');")).toEqual([]);
    expect(codesUsed("throw coded('msg.a.b', 1); msg('msg.c')")).toEqual(['msg.a.b', 'msg.c']);
    // Through conditions, in props of our own components, in legends, options and dialogs.
    const component = (code: string) => scanComponent('x.tsx', code).map((f) => f.text);
    expect(component("const A = ({ x }) => <p>{x ? 'Training done' : 'Waiting'}</p>;")).toEqual(['Training done', 'Waiting']);
    expect(component("const A = ({ x }) => <p>{x && 'Nothing yet'}</p>;")).toEqual(['Nothing yet']);
    expect(component('const A = ({ x }) => <b title={x ? \'Stop it\' : t.go} heading="Results" />;')).toEqual(['Stop it', 'Results']);
    expect(component('const A = () => <Line name="Transfer" dataKey="a" />;')).toEqual(['Transfer']);
    expect(component('const A = () => <Tooltip labelFormatter={(n) => `${n} per class`} />;')).toEqual(['per class']);
    expect(component("const opts = [{ value: 'full', label: 'From scratch' }]; if (confirm('Delete everything?')) go();")).toEqual([
      'From scratch',
      'Delete everything?',
    ]);
    expect(component('const A = () => <input name="epochs" aria-live="polite" aria-hidden="true" />;')).toEqual([]);
    const engine = (code: string) => scanEngine('x.ts', code).map((f) => f.text);
    expect(engine("throw new Error('unknown error');")).toEqual(['unknown error']);
    expect(engine("throw new Error(x ? 'no model' : 'bad file');")).toEqual(['no model', 'bad file']);
    expect(engine("z.string().regex(/^a$/, 'a layer name'); z.array(z.number()).refine(f, { message: 'each class once' });")).toEqual([
      'a layer name',
      'each class once',
    ]);
    expect(engine("z.string().regex(/^a$/, codeText('err.zod.layerName')); set({ status: 'done' });")).toEqual([]);
  });
});
