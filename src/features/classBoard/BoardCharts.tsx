import { useMemo, useRef, type RefObject } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bandOverSeeds } from '../../core/metrics/transfer';
import type { ClassReport, PlanRun } from '../../core/classBoard/classReport';
import { studentLabel, type Student } from '../../core/classBoard/board';
import { runName, tClass as t, ui } from '../../i18n';
import { BOARD, CHART } from '../../theme';
import { ChartExport } from '../../ui/charts/ChartExport';
import { useChartHeight } from '../../ui/charts/chartHeight';
import { pctTick, UNIT_DOMAIN } from '../../ui/charts/percent';
import { download } from '../../platform/download';

/*
 * The board's charts. The two dot plots are plain SVG: one circle per student, so five hundred
 * students draw in a few milliseconds (a charting library's per-point components would not).
 * The curves are a band and a mean per run, plus the one student pointed at.
 */

const W = 640;
const PAD = { left: 44, right: 16, top: 12, bottom: 30 };
const pts = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;

/** Drawn as attributes, not CSS, so an exported SVG keeps them. */
const dotStyle = (hurt: boolean, outlier: boolean) => ({
  fill: hurt ? BOARD.hurt : BOARD.helped,
  fillOpacity: 0.8,
  stroke: outlier ? BOARD.outlierRing : 'none',
  strokeWidth: outlier ? 2 : 0,
  'data-outlier': outlier ? 'true' : undefined,
});

interface Pointing {
  pointed: number | null;
  point: (seed: number | null) => void;
}

/** Each student's transfer gap as a dot on one axis, the class mean and its 95% CI as a bar. */
export function NtgDots({ report, pointed, point }: { report: ClassReport } & Pointing) {
  const figure = useRef<HTMLElement>(null);
  const h = useChartHeight(150);
  const values = report.students.flatMap((s) => (s.ntg === null ? [] : [{ s, v: s.ntg }]));
  const ci = report.transfer?.ntg ?? null;
  const extent = Math.max(0.1, ...values.map((d) => Math.abs(d.v)), ...(ci ? [Math.abs(ci.lo), Math.abs(ci.hi)] : []));
  const x = (v: number) => PAD.left + ((v + extent) / (2 * extent)) * (W - PAD.left - PAD.right);
  const mid = PAD.top + (h - PAD.top - PAD.bottom) / 2;
  // Dots that would overlap are stacked up and down (a beeswarm in its simplest form).
  const lanes = new Map<number, number>();
  const placed = values.map(({ s, v }) => {
    const bucket = Math.round(x(v) / 7);
    const n = lanes.get(bucket) ?? 0;
    lanes.set(bucket, n + 1);
    return { s, v, y: mid + (n % 2 ? 1 : -1) * Math.ceil(n / 2) * 7 };
  });
  const ticks = [-extent, -extent / 2, 0, extent / 2, extent];
  return (
    <figure className="chart" data-testid="board-ntg" ref={figure}>
      <figcaption className="table-head">
        <span>{t.ntgTitle}</span>
        <ChartExport figure={figure} title={t.ntgTitle} legend={() => []} file="class-ntg" download={download} />
      </figcaption>
      <svg className="chart-surface board-plot" viewBox={`0 0 ${W} ${h}`} width="100%" height={h} role="img" aria-label={t.ntgTitle}>
        <line x1={x(0)} x2={x(0)} y1={PAD.top} y2={h - PAD.bottom} stroke={BOARD.marks} strokeDasharray="4 3" />
        {ticks.map((v) => (
          <text key={v} x={x(v)} y={h - 10} textAnchor="middle" className="tick">
            {pts(v)}
          </text>
        ))}
        {ci && ci.n > 1 && (
          <g data-testid="board-ntg-ci">
            <line x1={x(ci.lo)} x2={x(ci.hi)} y1={h - PAD.bottom + 4} y2={h - PAD.bottom + 4} stroke={BOARD.marks} strokeWidth={3} />
            <circle cx={x(ci.mean)} cy={h - PAD.bottom + 4} r={4} fill={BOARD.marks} />
          </g>
        )}
        {placed.map(({ s, v, y }) => (
          <circle
            key={s.seed}
            cx={x(v)}
            cy={y}
            r={pointed === s.seed ? 6 : 4}
            {...dotStyle(v > 0, s.outlier)}
            data-testid="board-dot"
            onMouseEnter={() => point(s.seed)}
            onMouseLeave={() => point(null)}
          >
            <title>{`${studentLabel(s)}: ${pts(v)}`}</title>
          </circle>
        ))}
      </svg>
      <p className="muted small">{t.ntgHint}</p>
    </figure>
  );
}

/** Final accuracy of transfer (y) against scratch (x), one dot per student, with the diagonal. */
export function AccuracyScatter({
  report,
  transfer,
  scratch,
  pointed,
  point,
}: { report: ClassReport; transfer: PlanRun; scratch: PlanRun } & Pointing) {
  const figure = useRef<HTMLElement>(null);
  const h = useChartHeight(260);
  const size = Math.min(W, h);
  const side = size - PAD.left - PAD.right;
  const sx = (v: number) => PAD.left + v * side;
  const sy = (v: number) => PAD.top + (1 - v) * (size - PAD.top - PAD.bottom);
  const dots = report.students.flatMap((s) => {
    const a = s.finals[transfer.id];
    const b = s.finals[scratch.id];
    return a === null || b === null ? [] : [{ s, a, b }];
  });
  return (
    <figure className="chart" data-testid="board-scatter" ref={figure}>
      <figcaption className="table-head">
        <span>{t.scatterTitle}</span>
        <ChartExport figure={figure} title={t.scatterTitle} legend={() => []} file="class-scatter" download={download} />
      </figcaption>
      <svg
        className="chart-surface board-plot"
        viewBox={`0 0 ${size} ${size}`}
        width={size}
        height={size}
        role="img"
        aria-label={t.scatterTitle}
      >
        <line x1={sx(0)} y1={sy(0)} x2={sx(1)} y2={sy(1)} stroke={BOARD.marks} strokeDasharray="4 3" />
        <rect x={sx(0)} y={sy(1)} width={side} height={sy(0) - sy(1)} fill="none" stroke={CHART.grid} />
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <text x={sx(v)} y={size - 12} textAnchor="middle" className="tick">
              {pctTick(v)}
            </text>
            <text x={PAD.left - 6} y={sy(v) + 4} textAnchor="end" className="tick">
              {pctTick(v)}
            </text>
          </g>
        ))}
        <text x={sx(0.5)} y={size} textAnchor="middle" className="tick">
          {runName(scratch.name)}
        </text>
        {dots.map(({ s, a, b }) => (
          <circle
            key={s.seed}
            cx={sx(b)}
            cy={sy(a)}
            r={pointed === s.seed ? 6 : 4}
            {...dotStyle(a < b, s.outlier)}
            onMouseEnter={() => point(s.seed)}
            onMouseLeave={() => point(null)}
          >
            <title>{`${studentLabel(s)}: ${runName(transfer.name)} ${pctTick(a)}, ${runName(scratch.name)} ${pctTick(b)}`}</title>
          </circle>
        ))}
      </svg>
      <p className="muted small">
        {runName(transfer.name)} ↑ · {runName(scratch.name)} → · {t.scatterHint}
      </p>
    </figure>
  );
}

/** Per epoch, each run's min–max band and mean over the students, and the pointed student's own values. */
function useBandRows(plan: readonly PlanRun[], students: readonly Student[], one: Student | null) {
  const rows = useMemo(() => {
    const out: Record<string, number | [number, number] | null>[] = [];
    for (const run of plan) {
      const curves = students.flatMap((s) => s.runs.filter((r) => r.id === run.id).map((r) => r.epochs.map((m) => m.valAccuracy)));
      bandOverSeeds(curves, 'minmax').forEach((b, e) => {
        const row = (out[e] ??= { epoch: e + 1 });
        row[`${run.id}_mean`] = Number.isFinite(b.mean) ? b.mean : null;
        row[`${run.id}_band`] = Number.isFinite(b.mean) ? [b.lo, b.hi] : null;
      });
    }
    return out;
  }, [plan, students]);
  const data = useMemo(
    () =>
      rows.map((row, e) => {
        if (!one) return row;
        const own: Record<string, number | null> = {};
        for (const r of one.runs) own[`${r.id}_one`] = r.epochs[e]?.valAccuracy ?? null;
        return { ...row, ...own };
      }),
    [rows, one],
  );
  return data;
}

/** Every run's range over the students (band) and mean, and the curves of the student pointed at. */
export function CurvesBand({
  plan,
  students,
  pointed,
}: {
  plan: readonly PlanRun[];
  students: readonly Student[];
  pointed: number | null;
}) {
  const figure = useRef<HTMLElement>(null) as RefObject<HTMLElement | null>;
  const h = useChartHeight(240);
  const one = students.find((s) => s.seed === pointed) ?? null;
  const data = useBandRows(plan, students, one);
  return (
    <figure className="chart" data-testid="board-curves" ref={figure}>
      <figcaption className="table-head">
        <span>{t.curvesTitle}</span>
        <ChartExport
          figure={figure}
          title={t.curvesTitle}
          legend={() => plan.map((r) => ({ name: runName(r.name), color: r.color }))}
          file="class-curves"
          download={download}
        />
      </figcaption>
      <ul className="run-legend">
        {plan.map((r) => (
          <li key={r.id}>
            <span className="swatch" style={{ background: r.color }} /> {runName(r.name)}
          </li>
        ))}
        {one && <li data-testid="board-curves-student">— {studentLabel(one)}</li>}
      </ul>
      <ResponsiveContainer width="100%" height={h}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
          <YAxis domain={UNIT_DOMAIN} allowDataOverflow tickFormatter={pctTick} width={56} />
          <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => pctTick(Number(x))).join(' – ') : pctTick(Number(v)))} />
          {plan.flatMap((r) => [
            <Area
              key={`${r.id}_band`}
              dataKey={`${r.id}_band`}
              stroke="none"
              fill={r.color}
              fillOpacity={0.15}
              isAnimationActive={false}
              name={runName(r.name)}
            />,
            <Line
              key={`${r.id}_mean`}
              dataKey={`${r.id}_mean`}
              stroke={r.color}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              name={`${runName(r.name)} ${ui.seeds.mean}`}
            />,
            ...(one
              ? [
                  <Line
                    key={`${r.id}_one`}
                    dataKey={`${r.id}_one`}
                    stroke={r.color}
                    strokeDasharray="5 3"
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                    name={`${runName(r.name)} · ${studentLabel(one)}`}
                  />,
                ]
              : []),
          ])}
        </ComposedChart>
      </ResponsiveContainer>
      <p className="muted small">{t.curvesHint}</p>
    </figure>
  );
}
