import { useMemo, useRef } from 'react';
import { bandOverSeeds } from '../../core/metrics/transfer';
import type { ClassReport, PlanRun } from '../../core/classBoard/classReport';
import { studentLabel, type Student } from '../../core/classBoard/board';
import { runName, tClass as t, ui } from '../../i18n';
import { BOARD, CHART } from '../../theme';
import { dotStyle, PAD, pts, W, type Pointing } from './plot';
import { ChartExport } from '../../ui/charts/ChartExport';
import { useChartHeight } from '../../ui/charts/chartHeight';
import { pctTick } from '../../ui/charts/percent';
import { download } from '../../platform/download';

/*
 * The board's charts, in plain SVG: one circle per student, so five hundred students draw in a
 * few milliseconds (a charting library's per-point components, and its first drawing, would
 * not). The curves are a band and a mean per run, plus the one student pointed at.
 */

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

/** Each run's min–max band and mean over the students, per epoch (epochs a run never reached are left out). */
function useBands(plan: readonly PlanRun[], students: readonly Student[]) {
  return useMemo(
    () =>
      plan.map((run) => {
        const curves = students.flatMap((s) => s.runs.filter((r) => r.id === run.id).map((r) => r.epochs.map((m) => m.valAccuracy)));
        return {
          run,
          band: bandOverSeeds(curves, 'minmax')
            .map((b, e) => ({ epoch: e + 1, ...b }))
            .filter((b) => Number.isFinite(b.mean)),
        };
      }),
    [plan, students],
  );
}

/** Accuracy grid lines every 25 points, labelled. */
function AccuracyGrid({ y }: { y: (v: number) => number }) {
  return (
    <>
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke={CHART.grid} />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="tick">
            {pctTick(v)}
          </text>
        </g>
      ))}
    </>
  );
}

/**
 * Every run's range over the students (band) and mean, and the curves of the student pointed at.
 * Plain SVG like the dots: redrawn on every pointing, it must cost nothing.
 */
export function CurvesBand({
  plan,
  students,
  pointed,
}: {
  plan: readonly PlanRun[];
  students: readonly Student[];
  pointed: number | null;
}) {
  const figure = useRef<HTMLElement>(null);
  const h = useChartHeight(240);
  const one = students.find((s) => s.seed === pointed) ?? null;
  const bands = useBands(plan, students);
  const epochs = Math.max(1, ...bands.map((b) => b.band.length));
  const x = (epoch: number) => PAD.left + (epochs === 1 ? 0.5 : (epoch - 1) / (epochs - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v) * (h - PAD.top - PAD.bottom);
  const line = (points: readonly (readonly [number, number])[]) =>
    points.map(([e, v]) => `${x(e).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const xTicks = [...new Set([1, Math.ceil(epochs / 2), epochs])];
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
        {one && <li data-testid="board-curves-student">- - {studentLabel(one)}</li>}
      </ul>
      <svg className="chart-surface board-plot" viewBox={`0 0 ${W} ${h}`} width="100%" height={h} role="img" aria-label={t.curvesTitle}>
        <AccuracyGrid y={y} />
        {xTicks.map((e) => (
          <text key={e} x={x(e)} y={h - 10} textAnchor="middle" className="tick">
            {e}
          </text>
        ))}
        {bands.map(({ run, band }) => (
          <g key={run.id} data-testid={`board-band-${run.id}`}>
            <polygon
              points={line([...band.map((b) => [b.epoch, b.hi] as const), ...band.map((b) => [b.epoch, b.lo] as const).reverse()])}
              fill={run.color}
              fillOpacity={0.15}
              stroke="none"
            />
            <polyline points={line(band.map((b) => [b.epoch, b.mean] as const))} fill="none" stroke={run.color} strokeWidth={2} />
          </g>
        ))}
        {one?.runs.map((r) => (
          <polyline
            key={r.id}
            points={line(r.epochs.map((m) => [m.epoch, m.valAccuracy] as const))}
            fill="none"
            stroke={r.color}
            strokeWidth={2}
            strokeDasharray="5 3"
          />
        ))}
      </svg>
      <p className="muted small">
        {ui.results.xAxis.epoch} → · {t.curvesHint}
      </p>
    </figure>
  );
}
