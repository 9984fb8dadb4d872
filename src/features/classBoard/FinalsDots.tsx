import { useRef } from 'react';
import type { ClassReport } from '../../core/classBoard/classReport';
import { studentLabel } from '../../core/classBoard/board';
import { runName, tClass as t } from '../../i18n';
import { BOARD, CHART } from '../../theme';
import { ChartExport } from '../../ui/charts/ChartExport';
import { pctTick } from '../../ui/charts/percent';
import { download } from '../../platform/download';
import { PAD, W, type Pointing } from './plot';

const ROW = 34;
const LABEL = 120;

/** Every run of the plan on its own row, one dot per student at its final accuracy, the class mean marked. */
export function FinalsDots({ report, pointed, point }: { report: ClassReport } & Pointing) {
  const figure = useRef<HTMLElement>(null);
  const h = PAD.top + report.plan.length * ROW + PAD.bottom;
  const x = (v: number) => LABEL + v * (W - LABEL - PAD.right);
  return (
    <figure className="chart" data-testid="board-finals-dots" ref={figure}>
      <figcaption className="table-head">
        <span>{t.finalsDotsTitle}</span>
        <ChartExport figure={figure} title={t.finalsDotsTitle} legend={() => []} file="class-finals" download={download} />
      </figcaption>
      <svg className="chart-surface board-plot" viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-label={t.finalsDotsTitle}>
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={PAD.top} y2={h - PAD.bottom} stroke={CHART.grid} />
            <text x={x(v)} y={h - 10} textAnchor="middle" className="tick">
              {pctTick(v)}
            </text>
          </g>
        ))}
        {report.plan.map((run, r) => {
          const y = PAD.top + r * ROW + ROW / 2;
          const mean = report.finals[run.id]?.mean;
          return (
            <g key={run.id}>
              <text x={LABEL - 8} y={y + 4} textAnchor="end" className="tick">
                {runName(run.name)}
              </text>
              {report.students.map((s) =>
                s.finals[run.id] === null ? null : (
                  <circle
                    key={s.seed}
                    cx={x(s.finals[run.id]!)}
                    cy={y}
                    r={pointed === s.seed ? 6 : 4}
                    fill={run.color}
                    fillOpacity={0.6}
                    onMouseEnter={() => point(s.seed)}
                    onMouseLeave={() => point(null)}
                  >
                    <title>{`${studentLabel(s)}: ${runName(run.name)} ${pctTick(s.finals[run.id]!)}`}</title>
                  </circle>
                ),
              )}
              {mean !== undefined && <line x1={x(mean)} x2={x(mean)} y1={y - 11} y2={y + 11} stroke={BOARD.marks} strokeWidth={3} />}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
