/**
 * npm run calibrate — every preset's claim on several independent sets of seeds, not one.
 *
 * The in-CI calibration (e2e/calibration.spec.ts) checks each preset's claim on seeds 42–46.
 * This runs the same checks on ≥ 3 other sets of five seeds (default bases 1000, 2000, 3000 →
 * seeds 1000–1004, 2000–2004, 3000–3004), each set with its synthetic target redrawn from the
 * set's base seed (scripts/calibrate/seedSet.ts), through the app's own engine in Node (the
 * worker's validation, plan, caches and fusion: scripts/calibrate/engine.ts) on wasm. Not part
 * of npm test: the full run takes a long while (see docs/calibration.json's `seconds`).
 *
 *   npx tsx scripts/calibrate.ts [--sets 1000,2000,3000] [--seeds 5] [--presets positive,fusion]
 *     [--out docs/calibration.json] [--override 'positive={"training":{"epochs":5}}']
 *     [--reference-runs N]
 *
 * --presets runs some presets and keeps the others' results already in the file (same sets).
 * --override (repeatable) deep-merges JSON into a preset's config to try a retune; with it, or
 * with --reference-runs other than the shipped REFERENCE_PROBES (model selection: the "actual"
 * accuracy averaged over N probes per source on the same images), results go to a trial file in
 * the OS temp folder unless --out is given, so docs/calibration.json only ever holds the presets as shipped.
 *
 * The file (JSON; accuracies, NTG, jumpstart and gains are fractions, 0.15 = 15 points):
 *
 *   { schema: 1, date: ISO time, commit: `git rev-parse --short HEAD`, backend: "wasm",
 *     node: "v22…", seedsPerSet: 5, setBases: [1000, 2000, 3000],
 *     presets: { [presetId]: {
 *       flow: "seeds" | "selection" | "fusion", claim: one line, override: config patch | null,
 *       date, commit, seconds, passesEverySet: boolean,
 *       spread: { metric, min, max, seeds }          headline effect over every seed of every set
 *       sets: [ { base, seeds: [1000, …, 1004], targetSeed: number | null, seconds, pass,
 *                 verdict?: "positive" | "negative" | "inconclusive",
 *                 metrics: { [name]: { mean, lo, hi, n, perSeed: number[] } },   95% CI (meanCI)
 *                 checks: [ { part, pass, kind: "claim" | "candidate", value } ],
 *                 skipped?: [why a part was not checked] } ] } } }
 *
 * A set passes when every `claim` part passes; `candidate` parts are measured, not claimed.
 */
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExperimentConfig } from '../src/core/config/experiment';
import { PRESET_FLOW, PRESET_IDS, PRESET_SOURCES, PRESETS, type PresetId } from '../src/core/presets';
import { REFERENCE_PROBES } from '../src/core/selection/reference';
import { initEngine, tensorsInUse } from './calibrate/engine';
import { previous, summary, table, write, type PresetResult, type SetResult } from './calibrate/report';
import type { Measured } from './calibrate/result';
import { forSet, override, type SeedSet } from './calibrate/seedSet';
import { fusionClaim, selectionClaim, type SelectionOptions } from './calibrate/sources';
import { domainGapClaim, forgettingClaim, negativeClaim, positiveClaim, remedyClaim } from './calibrate/studies';

const CLAIMS: Record<PresetId, { claim: string; headline: string }> = {
  positive: { claim: 'NTG 95% CI below 0 and mean jumpstart ≥ 15 points', headline: 'asymptoticGain' },
  'few-shot': { claim: 'NTG 95% CI below 0 (a positive verdict)', headline: 'asymptoticGain' },
  shortcut: { claim: 'negative: mean NTG ≥ +5 points, its 95% CI above 0', headline: 'ntg' },
  background: { claim: 'negative: mean NTG ≥ +5 points, its 95% CI above 0 (the saliency part is not checked here)', headline: 'ntg' },
  mismatch: { claim: 'negative: mean NTG ≥ +5 points, its 95% CI above 0', headline: 'ntg' },
  'domain-gap': { claim: 'shown honestly: a verdict consistent with its NTG CI', headline: 'asymptoticGain' },
  forgetting: {
    claim: 'plain fine-tuning loses ≥ 30 points of source accuracy; L2-SP (α = 20) keeps at least twice as much',
    headline: 'plainLoss',
  },
  'model-selection': {
    claim:
      'every score puts shapes first; fine-tuning (the mean of 3 probes per source) agrees on ≥ 4 of 5 seeds; mean τ ≥ 0.7 (LogME, H-score, k-NN), ≥ 0.5 (LEEP)',
    headline: 'tau:logme',
  },
  fusion: { claim: 'stacking beats the best member on every seed, the 95% CI of the difference above 0', headline: 'gain:stacking' },
  'noise-fix': {
    claim: 'small-loss selection beats plain transfer on clean validation accuracy, the 95% CI of the difference above 0',
    headline: 'gain:smallLoss',
  },
  'imbalance-fix': {
    claim: 'class-balanced re-sampling beats plain transfer on balanced accuracy, the 95% CI of the difference above 0',
    headline: 'gain:resample',
  },
};

function options() {
  const { values } = parseArgs({
    options: {
      sets: { type: 'string', default: '1000,2000,3000' },
      seeds: { type: 'string', default: '5' },
      presets: { type: 'string', default: PRESET_IDS.join(',') },
      out: { type: 'string' },
      override: { type: 'string', multiple: true, default: [] },
      'reference-runs': { type: 'string', default: String(REFERENCE_PROBES) },
    },
  });
  const presets = values.presets.split(',').map((p) => p.trim()) as PresetId[];
  for (const p of presets) if (!PRESET_IDS.includes(p)) throw new Error(`unknown preset ${p} (one of ${PRESET_IDS.join(', ')})`);
  const overrides = new Map<PresetId, unknown>();
  for (const o of values.override) {
    const at = o.indexOf('=');
    overrides.set(o.slice(0, at) as PresetId, JSON.parse(o.slice(at + 1)));
  }
  const selection: SelectionOptions = { referenceRuns: Number(values['reference-runs']) };
  const trial = overrides.size > 0 || selection.referenceRuns !== REFERENCE_PROBES;
  const out = values.out ?? (trial ? join(tmpdir(), 'calibration-trial.json') : 'docs/calibration.json');
  return { setBases: values.sets.split(',').map(Number), seedsPerSet: Number(values.seeds), presets, overrides, selection, out };
}

/** One preset's claim on one set, by its flow. */
function measure(
  id: PresetId,
  config: ExperimentConfig,
  set: SeedSet,
  log: (s: string) => void,
  selection: SelectionOptions,
): Promise<Measured> {
  switch (id) {
    case 'positive':
      return positiveClaim(config, set, log);
    case 'few-shot':
      return positiveClaim(config, set, log, false);
    case 'shortcut':
    case 'background':
    case 'mismatch':
      return negativeClaim(config, set, log, id);
    case 'domain-gap':
      return domainGapClaim(config, set, log);
    case 'forgetting':
      return forgettingClaim(config, set, log);
    case 'model-selection':
      return selectionClaim(config, PRESET_SOURCES['model-selection']!, set, log, selection);
    case 'fusion':
      return fusionClaim(config, PRESET_SOURCES.fusion!, set, log);
    case 'noise-fix':
      return remedyClaim(config, set, log, 'smallLoss');
    case 'imbalance-fix':
      return remedyClaim(config, set, log, 'resample');
  }
}

async function calibratePreset(id: PresetId, patch: unknown, opts: ReturnType<typeof options>, commit: string): Promise<PresetResult> {
  const started = performance.now();
  const preset = override(PRESETS[id], patch as never);
  const sets: SetResult[] = [];
  for (const base of opts.setBases) {
    const t0 = performance.now();
    const { config, set } = forSet(preset, base, opts.seedsPerSet);
    console.log(`${id}, set ${base} (seeds ${set.seeds.join(', ')}${set.targetSeed === null ? '' : `; target seed ${set.targetSeed}`})`);
    const measured = await measure(id, config, set, (s) => console.log(s), opts.selection);
    const pass = measured.checks.filter((c) => c.kind === 'claim').every((c) => c.pass);
    sets.push({ ...set, ...measured, pass, seconds: Math.round((performance.now() - t0) / 100) / 10 });
    for (const c of measured.checks)
      console.log(`  ${c.pass ? '✓' : '✗'} ${c.kind === 'candidate' ? '(candidate) ' : ''}${c.part}: ${c.value}`);
    console.log(`  ${pass ? 'holds' : 'FAILS'} (${sets.at(-1)!.seconds} s, ${tensorsInUse()} tensors in use)`);
  }
  const headline = CLAIMS[id].headline;
  const all = sets.flatMap((s) => s.metrics[headline]?.perSeed ?? []);
  return {
    flow: PRESET_FLOW[id],
    claim: CLAIMS[id].claim,
    override: patch ?? null,
    date: new Date().toISOString(),
    commit,
    seconds: Math.round((performance.now() - started) / 1000),
    passesEverySet: sets.every((s) => s.pass),
    spread: { metric: headline, min: Math.min(...all), max: Math.max(...all), seeds: all.length },
    sets,
  };
}

async function main() {
  const opts = options();
  const backend = await initEngine();
  const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  const presets = previous(opts.out, opts.setBases, opts.seedsPerSet);
  const file = () => ({
    schema: 1 as const,
    date: new Date().toISOString(),
    commit,
    backend,
    node: process.version,
    seedsPerSet: opts.seedsPerSet,
    setBases: opts.setBases,
    presets: Object.fromEntries(PRESET_IDS.filter((id) => presets[id]).map((id) => [id, presets[id]])),
  });
  for (const id of opts.presets) {
    presets[id] = await calibratePreset(id, opts.overrides.get(id), opts, commit);
    write(opts.out, file()); // after every preset: a long run that stops early keeps what it measured
  }
  console.log(`\n${table(file().presets)}\n\n${summary(file().presets)}\n\nwritten to ${opts.out}`);
}

// An error is one line (a config the engine rejects says which field), not the wasm module's source.
await main().catch((err: unknown) => {
  console.error(`calibrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
