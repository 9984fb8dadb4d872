import type { ReactNode } from 'react';
import { render, renderParts, ui } from '../../i18n';
import { useRunStore, type RunView } from '../../lab/runStore';
import { useChartSettings } from '../../lab/chartSettingsStore';
import { CurvesChart } from './CurvesChart';
import { buildReports } from '../../lab/runReports';
import { Control } from '../../ui/Control';
import { pctValue } from '../../ui/charts/percent';
import { lastSelection, remedyReports } from '../../core/remedies/report';
import { RemedyVerdicts } from '../../ui/RemedyVerdicts';
import { useStudyStore } from '../../lab/studyStore';

const r = ui.results;
const signedPts = (v: number | null) => (v === null ? '—' : r.points(v));

function Controls({ runs }: { runs: RunView[] }) {
  const { smoothing, xAxis, set } = useChartSettings();
  const toggleRun = useRunStore((s) => s.toggleRun);
  return (
    <div className="chart-controls">
      <div className="legend" data-testid="legend">
        {runs.map((run) => (
          <button
            key={run.info.id}
            className={`legend-item${run.visible ? '' : ' off'}`}
            data-testid={`legend-${run.info.id}`}
            aria-pressed={run.visible}
            onClick={() => toggleRun(run.info.id)}
            title={renderParts(run.info.description)}
          >
            <span className="swatch" style={{ background: run.color }} />
            {render(run.info.name)}
          </button>
        ))}
      </div>
      <label className="field inline">
        <span>{r.smoothing}</span>
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={smoothing}
          data-testid="smoothing"
          onChange={(e) => set({ smoothing: Number(e.target.value) })}
        />
        <output>{smoothing.toFixed(2)}</output>
      </label>
      <div className="segmented" role="group" aria-label={r.xAxisLabel}>
        {(['epoch', 'examples'] as const).map((x) => (
          <button key={x} aria-pressed={xAxis === x} data-testid={`x-${x}`} onClick={() => set({ xAxis: x })}>
            {r.xAxis[x]}
          </button>
        ))}
      </div>
    </div>
  );
}

function SummaryTable({ runs }: { runs: RunView[] }) {
  const { threshold, set } = useChartSettings();
  const reports = buildReports(runs, threshold);
  const c = r.columns;
  // The shifted-test column appears whenever the experiment has a shifted evaluation set.
  const shifted = runs.some((run) => run.epochs.some((m) => m.shiftedAccuracy !== null));
  // Balanced accuracy matters on an imbalanced training split, where plain accuracy flatters the common classes.
  const imbalanced = useRunStore((s) => (s.config?.bias.imbalanceRatio ?? 1) > 1);
  const balanced = imbalanced && runs.some((run) => run.epochs.at(-1)?.balancedAccuracy !== undefined);
  return (
    <>
      <div className="table-head">
        <h3>{r.summary}</h3>
        <label className="field inline">
          <span>{r.threshold}</span>
          <input
            type="number"
            min={0.05}
            max={1}
            step={0.05}
            value={threshold}
            data-testid="threshold"
            onChange={(e) => {
              const v = Number(e.target.value);
              if (e.target.value !== '' && v > 0 && v <= 1) set({ threshold: v });
            }}
          />
        </label>
      </div>
      <table className="summary" data-testid="summary-table">
        <thead>
          <tr>
            {[
              c.run,
              c.status,
              c.final,
              ...(balanced ? [c.balanced] : []),
              ...(shifted ? [c.shifted] : []),
              c.best,
              c.jumpstart,
              c.auc,
              c.toThreshold,
              c.wall,
            ].map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((rep) => (
            <tr key={rep.id} data-testid={`summary-row-${rep.id}`} data-epochs={runs.find((x) => x.info.id === rep.id)?.epochs.length ?? 0}>
              <td>{rep.name}</td>
              <td>{ui.training.status[rep.status as keyof typeof ui.training.status] ?? rep.status}</td>
              <td data-testid={`final-${rep.id}`}>{pctValue(rep.summary.finalValAccuracy)}</td>
              {balanced && (
                <td data-testid={`balanced-${rep.id}`}>
                  {pctValue(runs.find((x) => x.info.id === rep.id)?.epochs.at(-1)?.balancedAccuracy ?? null)}
                </td>
              )}
              {shifted && <td data-testid={`shifted-${rep.id}`}>{pctValue(rep.summary.finalShiftedAccuracy)}</td>}
              <td>
                {pctValue(rep.summary.bestValAccuracy)}
                {rep.summary.bestEpoch ? r.atEpoch(rep.summary.bestEpoch) : ''}
              </td>
              <td data-testid={`jumpstart-${rep.id}`}>{signedPts(rep.jumpstart)}</td>
              <td>{rep.summary.auc === null ? '—' : rep.summary.auc.toFixed(3)}</td>
              <td>{rep.summary.epochsToThreshold ?? (rep.summary.finalValAccuracy === null ? '—' : r.never)}</td>
              <td>{rep.summary.wallMs === null ? '—' : `${(rep.summary.wallMs / 1000).toFixed(1)} s`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * The stage: the verdict of a study, live curves and the summary table of the current experiment.
 * The study's own charts (`studies`, above the curves) and the forgetting meter (`details`, under
 * the summary) are other features: the app hands them in, as features never import each other.
 */
export function ResultsPanel({ studies, details }: { studies?: ReactNode; details?: ReactNode }) {
  const runs = useRunStore((s) => s.runs);
  const shared = useRunStore((s) => s.shared);
  // A finished study of several seeds gives the remedies' verdicts with a CI (seeds panel); else one seed's differences.
  const studyShown = useStudyStore((s) => s.kind === 'seeds' && s.runs.length > 1);
  const runViews = runs.map((run) => ({ id: run.info.id, epochs: run.epochs }));
  return (
    <section className="panel results" data-testid="results-panel">
      <div className="table-head">
        <h2>{r.title}</h2>
      </div>
      {shared && (
        <p className="notice small" data-testid="shared-results">
          {ui.share.sharedResults}
        </p>
      )}
      <Control id="chart">
        {studies}
        {runs.length === 0 ? <p className="muted empty-line small">{r.empty}</p> : <Controls runs={runs} />}
        {/* Mounted even before the first run: a chart's first mount is its most expensive render,
          and it belongs to page load, not to the moment training starts. */}
        <CurvesChart runs={runs} />
      </Control>
      {runs.length > 0 && (
        <Control id="results-details">
          <SummaryTable runs={runs} />
          {!studyShown && <RemedyVerdicts reports={remedyReports([runViews])} selection={lastSelection(runViews)} />}
          {details}
        </Control>
      )}
    </section>
  );
}
