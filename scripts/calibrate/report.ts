import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { PresetId } from '../../src/core/presets';
import type { Check, Measured } from './result';
import type { SeedSet } from './seedSet';

/** The file `npm run calibrate` writes (its shape is documented at the top of scripts/calibrate.ts). */
export interface SetResult extends SeedSet, Measured {
  /** Every `claim` part passed on this set. */
  pass: boolean;
  seconds: number;
}

export interface PresetResult {
  flow: 'seeds' | 'selection' | 'fusion';
  claim: string;
  /** The config patch this calibration ran with (a retune being tried); null = the preset as shipped. */
  override: unknown;
  date: string;
  commit: string;
  seconds: number;
  passesEverySet: boolean;
  /** The headline effect over every seed of every set: what the narrative's "in 15 seeds, … ranged …" quotes. */
  spread: { metric: string; min: number; max: number; seeds: number };
  sets: SetResult[];
}

export interface CalibrationFile {
  schema: 1;
  date: string;
  commit: string;
  backend: string;
  node: string;
  seedsPerSet: number;
  setBases: number[];
  presets: Partial<Record<PresetId, PresetResult>>;
}

/** Reads the previous file, if it is one of ours with the same seed sets (so a partial run adds to it). */
export function previous(path: string, setBases: number[], seedsPerSet: number): CalibrationFile['presets'] {
  if (!existsSync(path)) return {};
  try {
    const old = JSON.parse(readFileSync(path, 'utf8')) as CalibrationFile;
    const same = old.schema === 1 && old.seedsPerSet === seedsPerSet && JSON.stringify(old.setBases) === JSON.stringify(setBases);
    return same ? old.presets : {};
  } catch {
    return {};
  }
}

export function write(path: string, file: CalibrationFile): void {
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}

const pt = (x: number) => (x * 100).toFixed(1);
const claimParts = (checks: Check[]) => checks.filter((c) => c.kind === 'claim');

/** The results table, one row per preset and set, as Markdown. */
export function table(presets: CalibrationFile['presets']): string {
  const rows = ['| preset | set (seeds) | claim holds | parts (✓/✗ value) | candidate parts |', '| --- | --- | --- | --- | --- |'];
  for (const [id, p] of Object.entries(presets)) {
    for (const s of p!.sets) {
      const parts = claimParts(s.checks)
        .map((c) => `${c.pass ? '✓' : '✗'} ${c.part}: ${c.value}`)
        .join('<br>');
      const cand = s.checks
        .filter((c) => c.kind === 'candidate')
        .map((c) => `${c.pass ? '✓' : '✗'} ${c.part}: ${c.value}`)
        .join('<br>');
      rows.push(
        `| ${id}${p!.override ? ' (override)' : ''} | ${s.base} (${s.seeds[0]}–${s.seeds.at(-1)}${s.targetSeed === null ? '' : `, target seed ${s.targetSeed}`}) | ${s.pass ? 'yes' : '**no**'} | ${parts} | ${cand || '—'} |`,
      );
    }
  }
  return rows.join('\n');
}

/** One line per preset: does the claim hold on every set, and the headline spread. */
export function summary(presets: CalibrationFile['presets']): string {
  return Object.entries(presets)
    .map(([id, p]) => {
      const s = p!.spread;
      const range = s.metric.startsWith('tau') ? `${s.min.toFixed(2)} to ${s.max.toFixed(2)}` : `${pt(s.min)} to ${pt(s.max)} pts`;
      return `${id}: ${
        p!.passesEverySet
          ? 'holds on every set'
          : `FAILS on set(s) ${p!.sets
              .filter((x) => !x.pass)
              .map((x) => x.base)
              .join(', ')}`
      } — ${s.metric} over ${s.seeds} seeds ${range} (${Math.round(p!.seconds)} s)`;
    })
    .join('\n');
}
