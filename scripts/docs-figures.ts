/**
 * npm run docs — rewrites the generated blocks of the docs from the files that hold the
 * measurements, so no figure in docs/ is typed by hand:
 *
 *   docs/performance.md  <!-- bench:start --> … <!-- bench:end -->    from bench/results.json (`npm run bench`)
 *   docs/zoo.md          <!-- zoo:start --> … <!-- zoo:end -->        from public/models/index.json (`npm run pretrain`)
 *                        <!-- datasets:start --> … <!-- datasets:end --> from public/datasets/index.json (`npm run pack-datasets`)
 *   docs/presets.md      <!-- presets:start --> … <!-- presets:end --> from src/core/presets.ts
 *                        <!-- calibration:start --> … <!-- calibration:end --> from docs/calibration.json (`npm run calibrate`)
 *   src/core/presetSpread.ts   (whole file) each preset's range over its calibrated seeds, from docs/calibration.json
 *
 * `npx tsx scripts/docs-figures.ts --check` writes nothing and fails if a block is stale;
 * scripts/docs.test.ts runs the same check.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PRESET_FLOW, PRESET_IDS, PRESET_SOURCES, PRESETS } from '../src/core/presets';
import { BUILTIN_TARGETS } from '../src/core/data/targets';
import type { ExperimentConfig } from '../src/core/config/experiment';
import { studySeeds } from '../src/core/config/keys';
import type { CalibrationFile } from './calibrate/report';
import { spreadModule } from './calibrate/spreadModule';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

// ---------------------------------------------------------------- bench

/** A goal's verdict as bench/run.ts records it (the table is bench/goals.ts). */
export interface RecordedGoal {
  goal: string;
  means: string;
  met: boolean;
  reason?: string;
}

export interface BenchResults {
  date: string;
  /** `gpu`: the renderer the bench page's WebGL reported ('no WebGL' without one). */
  machine: { cpu: string; cores: number; memoryGiB: number; chromium: string; backend: string; gpu: string; gpuVendor?: string | null };
  setup: { trainImages: number; batchSize: number; note: string };
  /**
   * By metric: each goal's recorded verdict. Results written before the bench checked its goals
   * hold the goal's text instead ("≥ 10", and "report (…)" for figures without one), judged here.
   */
  goals: Record<string, RecordedGoal | string>;
  /** The metrics of the goals missed (recorded verdicts only). */
  goalsMissed?: string[];
  /** Figures recorded without a goal, and what each one is. */
  reported?: Record<string, string>;
  metrics: Record<string, number>;
}

/** A measured value for a table: three significant figures, whole numbers from 100 up. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  if (v === 0) return '0';
  return String(Number(v.toPrecision(3)));
}

const UNITS: Record<string, number> = { KB: 1e3, MB: 1e6, GB: 1e9 };

/**
 * Whether a value meets a goal as bench/run.ts wrote them before it checked goals itself: "≥ 10",
 * "≤ 1.10", "< 50", "0", "≤ 4 MB (…)"; null for goals that only ask for a report ("report (…)").
 */
export function meetsGoal(value: number, goal: string): boolean | null {
  const m = /^\s*(≥|≤|<|>|=)?\s*(-?\d+(?:\.\d+)?)\s*(KB|MB|GB)?(?![\w.])/.exec(goal);
  if (!m) return null;
  const target = Number(m[2]) * (m[3] ? UNITS[m[3]]! : 1);
  switch (m[1]) {
    case '≥':
      return value >= target;
    case '≤':
      return value <= target;
    case '<':
      return value < target;
    case '>':
      return value > target;
    default:
      return value === target;
  }
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** A metric's goal cell and verdict: from the recorded verdict, or judged from a legacy goal text. */
function goalCells(r: BenchResults, k: string): { goal: string; verdict: string; ok: boolean | null } {
  const goal = r.goals[k];
  const value = r.metrics[k];
  if (typeof goal === 'object')
    return { goal: `${cell(goal.goal)} — ${cell(goal.means)}`, verdict: goal.met ? 'yes' : '**no**', ok: goal.met };
  const text = goal ?? r.reported?.[k];
  const ok = goal !== undefined && value !== undefined ? meetsGoal(value, goal) : null;
  const verdict = ok === null ? (text !== undefined && value === undefined ? '—' : '') : ok ? 'yes' : '**no**';
  return { goal: text === undefined ? '' : cell(text), verdict, ok };
}

export function benchBlock(r: BenchResults): string {
  const when = `${r.date.slice(0, 16).replace('T', ' ')} UTC`;
  const m = r.machine;
  const keys = [...new Set([...Object.keys(r.metrics), ...Object.keys(r.goals), ...Object.keys(r.reported ?? {})])];
  const cells = keys.map((k) => ({ k, ...goalCells(r, k) }));
  const judged = cells.filter((c) => c.ok !== null);
  const rows = cells.map(
    ({ k, goal, verdict }) =>
      `| \`${k}\` | ${r.metrics[k] === undefined ? 'not in this run' : formatValue(r.metrics[k])} | ${goal} | ${verdict} |`,
  );
  // Recorded verdicts carry the reason a goal was missed: listed under the table.
  const missed = Object.entries(r.goals).flatMap(([k, g]) =>
    typeof g === 'object' && !g.met ? [`- \`${k}\`: ${g.reason ?? 'missed'}`] : [],
  );
  return [
    `Generated by \`npm run docs\` from \`bench/results.json\` — do not edit by hand. Run of ${when} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), Chromium ${m.chromium}, backend ${m.backend} on the bench page, GPU: ${m.gpu}; ${r.setup.trainImages} training images, batch ${r.setup.batchSize} (${r.setup.note}). Goals met: ${judged.filter((c) => c.ok).length} of ${judged.length}.`,
    '',
    '| metric | value | goal | met? |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(missed.length ? ['', 'Goals missed in this run (`npm run bench` exited with code 1):', '', ...missed] : []),
  ].join('\n');
}

// ---------------------------------------------------------------- zoo and datasets

interface Card {
  id: string;
  name: string;
  sourceDomain: string;
  parameters: number;
  multiplyAdds: number;
  recipe: { epochs: number; batchSize: number; learningRate: number; seed: number };
  trainImages: number;
  testImages: number;
  sourceTestAccuracy: number;
  trainedWith: { backend: string; tfjs: string; seconds: number };
}
export interface ZooIndex {
  models: { id: string; card: Card }[];
}
export interface DatasetIndex {
  datasets: {
    id: string;
    name: string;
    source: string;
    license: string;
    width: number;
    height: number;
    channels: number;
    splits: Record<string, { count: number }>;
  }[];
}

const thousands = (n: number) => n.toLocaleString('en-US');
const minutes = (s: number) => `${Math.round(s / 60)} min`;

export function zooBlock(index: ZooIndex): string {
  const total = index.models.reduce((n, m) => n + m.card.trainedWith.seconds, 0);
  return [
    "Generated by `npm run docs` from `public/models/index.json` (each model's card, written by `npm run pretrain`) — do not edit by hand.",
    '',
    '| id | name | source domain | held-out accuracy | parameters | multiply-adds per image | recipe | trained in |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...index.models.map(({ id, card: c }) => {
      const r = c.recipe;
      return `| \`${id}\` | ${cell(c.name)} | ${cell(c.sourceDomain)} | ${(c.sourceTestAccuracy * 100).toFixed(2)}% on ${thousands(c.testImages)} images | ${thousands(c.parameters)} | ${thousands(c.multiplyAdds)} | ${r.epochs} epochs on ${thousands(c.trainImages)} images, batch ${r.batchSize}, learning rate ${r.learningRate}, seed ${r.seed} | ${minutes(c.trainedWith.seconds)} (${c.trainedWith.backend}, TF.js ${c.trainedWith.tfjs}) |`;
    }),
    '',
    `Training the whole zoo took ${minutes(total)} in the runs that made these cards.`,
  ].join('\n');
}

export function datasetsBlock(index: DatasetIndex): string {
  return [
    'Generated by `npm run docs` from `public/datasets/index.json` (written by `npm run pack-datasets`) — do not edit by hand.',
    '',
    '| id | name | images | train / test split | from | licence |',
    '| --- | --- | --- | --- | --- | --- |',
    ...index.datasets.map((d) => {
      const train = d.splits.train?.count ?? 0;
      const test = d.splits.test?.count ?? 0;
      return `| \`${d.id}\` | ${cell(d.name)} | ${thousands(train + test)} at ${d.width}×${d.height}×${d.channels} | ${thousands(train)} / ${thousands(test)} | ${cell(d.source)} | ${cell(d.license)} |`;
    }),
  ].join('\n');
}

// ---------------------------------------------------------------- presets

function strategy(c: ExperimentConfig): string {
  const s = c.strategy;
  if (s.kind === 'linear-probe') return 'linear probe (frozen backbone)';
  if (s.kind === 'fine-tune') return `fine-tune the top ${s.trainableBlocks} blocks`;
  return `full fine-tune (backbone learning rate × ${s.backboneLrMultiplier})`;
}

function target(c: ExperimentConfig): string {
  const t = c.target;
  if (t.kind !== 'builtin') return t.kind;
  const name = BUILTIN_TARGETS.find((x) => x.presetId === t.presetId)?.name ?? t.presetId;
  const drawn = t.ref.kind === 'shapes' ? `, ${thousands(t.ref.count)} drawn` : '';
  return `${name} (\`${t.presetId}\`${drawn}, at most ${t.maxPerClass} per class)`;
}

export function presetsBlock(): string {
  return [
    'Generated by `npm run docs` from `src/core/presets.ts` — do not edit by hand.',
    '',
    '| preset | flow | source | target | strategy | training images per class | epochs, batch, learning rate | seeds | also |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...PRESET_IDS.map((id) => {
      const c = PRESETS[id];
      const sources = (PRESET_SOURCES[id] ?? [c.source]).map((s) => (s.kind === 'zoo' ? `\`${s.id}\`` : s.kind)).join(', ');
      // Validation first, then the blend split carved from what is left (core/data/split.ts).
      const trainShare = (1 - c.split.validationFraction) * (1 - c.split.blendFraction);
      const per =
        c.bias.samplesPerClass === 'all' ? `all (${Math.round(trainShare * 100)}% of the target)` : String(c.bias.samplesPerClass);
      const also = [
        c.scratchBaseline ? 'scratch baseline' : 'no scratch baseline',
        c.forgetting.track ? 'forgetting meter on' : '',
        c.split.blendFraction
          ? `${Math.round(c.split.blendFraction * 100)}% of the training split set aside for fusion (the blend split)`
          : '',
      ].filter(Boolean);
      return `| \`${id}\` | ${PRESET_FLOW[id]} | ${sources} | ${target(c)} | ${strategy(c)} | ${per} | ${c.training.epochs}, ${c.training.batchSize}, ${c.training.learningRate} | ${c.seeds} (${studySeeds(c)[0]}–${studySeeds(c).at(-1)}) | ${also.join('; ')} |`;
    }),
  ].join('\n');
}

/** Each preset's claim on every seed set of the last `npm run calibrate`: the values its claim is judged by, per set. */
export function calibrationBlock(file: CalibrationFile): string {
  const sets = file.setBases.map((base) => `seeds ${base}–${base + file.seedsPerSet - 1}`);
  // A partial run (--presets) updates some presets at a later commit: name every commit a row comes from.
  const commits = [...new Set(Object.values(file.presets).map((p) => p!.commit))].join(', ');
  const rows = Object.entries(file.presets).map(([id, p]) => {
    const cells = file.setBases.map((base) => {
      const set = p!.sets.find((x) => x.base === base);
      if (!set) return '—';
      const values = set.checks.filter((c) => c.kind === 'claim').map((c) => c.value);
      return cell(`${set.pass ? '✓' : '✗'} ${values.join('; ')}`);
    });
    return `| \`${id}\` | ${cell(p!.claim)} | ${cells.join(' | ')} | ${p!.passesEverySet ? 'yes' : '**no**'} |`;
  });
  return [
    `Generated by \`npm run docs\` from \`docs/calibration.json\` (\`npm run calibrate\` at commit ${commits}, ${file.date.slice(0, 10)}, ${file.backend} backend in Node) — do not edit by hand.`,
    '',
    `| preset | claim | ${sets.join(' | ')} | holds on every set |`,
    `| --- | --- | ${sets.map(() => '---').join(' | ')} | --- |`,
    ...rows,
  ].join('\n');
}

// ---------------------------------------------------------------- blocks

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` (markers kept). */
export function replaceBlock(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`missing ${start} … ${end}`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}

/** Every generated block: the page, the marker name and its content from the files as they are now. */
export function generatedBlocks(): { page: string; name: string; content: string }[] {
  return [
    { page: 'docs/performance.md', name: 'bench', content: benchBlock(JSON.parse(read('bench/results.json'))) },
    { page: 'docs/zoo.md', name: 'zoo', content: zooBlock(JSON.parse(read('public/models/index.json'))) },
    { page: 'docs/zoo.md', name: 'datasets', content: datasetsBlock(JSON.parse(read('public/datasets/index.json'))) },
    { page: 'docs/presets.md', name: 'presets', content: presetsBlock() },
    { page: 'docs/presets.md', name: 'calibration', content: calibrationBlock(JSON.parse(read('docs/calibration.json'))) },
  ];
}

/** Each page as it would be with fresh blocks, beside what is on disk. */
export function regenerate(): { page: string; before: string; after: string }[] {
  const pages = new Map<string, { before: string; after: string }>();
  for (const b of generatedBlocks()) {
    const p = pages.get(b.page) ?? { before: read(b.page), after: read(b.page) };
    p.after = replaceBlock(p.after, b.name, b.content);
    pages.set(b.page, p);
  }
  // Files generated whole: each preset's calibrated range, which its narrative shows.
  const spread = 'src/core/presetSpread.ts';
  pages.set(spread, {
    before: existsSync(join(ROOT, spread)) ? read(spread) : '',
    after: spreadModule(JSON.parse(read('docs/calibration.json'))),
  });
  return [...pages].map(([page, p]) => ({ page, ...p }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const { page, before, after } of regenerate()) {
    if (before === after) continue;
    stale.push(page);
    if (!check) writeFileSync(join(ROOT, page), after);
  }
  if (check && stale.length) {
    console.error(`Stale generated figures in ${stale.join(', ')}: run \`npm run docs\`.`);
    process.exit(1);
  }
  console.log(stale.length ? `${check ? 'stale' : 'rewrote'}: ${stale.join(', ')}` : 'docs figures are up to date');
}
