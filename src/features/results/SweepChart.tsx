import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { en } from '../../i18n/en';
import { useStudyStore, type StudyRun } from '../../state/studyStore';
import { download } from './exportResults';

const r = en.results;
const UNIT: [number, number] = [0, 1];
const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const pctValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
const SWEEP_COLUMNS = ['samplesPerClass', 'transfer', 'scratch', 'transferShifted', 'scratchShifted'] as const;

/** One point per N: final validation (and shifted-test) accuracy of each run; null if it has none. */
export interface SweepPoint {
  samplesPerClass: number;
  transfer: number | null;
  scratch: number | null;
  transferShifted: number | null;
  scratchShifted: number | null;
}

function sweepPoints(runs: readonly StudyRun[]): SweepPoint[] {
  const last = (curve: StudyRun['transfer'], key: 'valAccuracy' | 'shiftedAccuracy') => curve.at(-1)?.[key] ?? null;
  return runs.map((r) => ({
    samplesPerClass: r.samplesPerClass === 'all' ? Infinity : r.samplesPerClass,
    transfer: last(r.transfer, 'valAccuracy'),
    scratch: last(r.scratch, 'valAccuracy'),
    transferShifted: last(r.transfer, 'shiftedAccuracy'),
    scratchShifted: last(r.scratch, 'shiftedAccuracy'),
  }));
}

export function sweepCsv(points: SweepPoint[]): string {
  return [SWEEP_COLUMNS.join(','), ...points.map((p) => SWEEP_COLUMNS.map((c) => p[c] ?? '').join(','))].join('\n') + '\n';
}

/** Final accuracy against images per class for transfer and scratch: where transfer matters most. */
export function SweepChart() {
  const { kind, runs, config, status } = useStudyStore();
  if (kind !== 'sweep' || !runs.length) return null;
  const points = sweepPoints(runs);
  const shifted = points.some((p) => p.transferShifted !== null);
  return (
    <figure className="chart" data-testid="sweep-chart" data-points={points.length} data-status={status}>
      <figcaption className="table-head">
        <span>{r.sweepTitle}</span>
        <button className="button small" data-testid="export-sweep" onClick={() => download('transfer-lab-sweep.json', JSON.stringify({ app: 'transfer-lab', exportVersion: 1, kind: 'few-shot-sweep', config, points }, null, 2), 'application/json')}>
          {r.exportSweep} JSON
        </button>
        <button className="button small" data-testid="export-sweep-csv" onClick={() => download('transfer-lab-sweep.csv', sweepCsv(points), 'text/csv')}>
          {r.exportSweep} CSV
        </button>
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="samplesPerClass" type="number" scale="log" domain={[1, 50]} ticks={[1, 5, 10, 20, 50]} label={{ value: r.sweepAxis, position: 'insideBottom', offset: -8 }} />
          <YAxis domain={UNIT} tickFormatter={pctTick} width={48} />
          <Tooltip formatter={pctValue} labelFormatter={(n) => `${n} per class`} />
          <Legend verticalAlign="top" />
          <Line dataKey="transfer" name="Transfer" stroke="#2563eb" strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="scratch" name="From scratch" stroke="#ea580c" strokeWidth={2} isAnimationActive={false} />
          {shifted && <Line dataKey="transferShifted" name="Transfer (shifted test)" stroke="#2563eb" strokeDasharray="4 3" isAnimationActive={false} />}
          {shifted && <Line dataKey="scratchShifted" name="Scratch (shifted test)" stroke="#ea580c" strokeDasharray="4 3" isAnimationActive={false} />}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
