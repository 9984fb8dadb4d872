import { useState } from 'react';
import { className, render, renderParts, ui } from '../../i18n';
import { useRunStore, type RunView } from '../../state/runStore';
import { SaliencyView } from './SaliencyView';
import { useSaliencyStore } from '../../state/saliencyStore';
import { useFeatureMapStore } from '../../state/featureMapStore';
import { ImageThumb } from '../../ui/ImageThumb';
import { useChartSettings } from './chartSettings';
import { CurvesChart } from './CurvesChart';
import { SweepChart } from './SweepChart';
import { SeedsPanel } from './SeedsPanel';
import { ForgettingPanel } from './ForgettingPanel';
import { buildReports, download, resultsCsv, resultsJson } from './exportResults';
import { trainedModelZip } from './exportModel';
import { usePythonExportStore } from '../../state/pythonExportStore';
import { useExperimentStore } from '../../state/experimentStore';
import { useShallow } from 'zustand/react/shallow';
import { Control } from '../../ui/Control';

const r = ui.results;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const signedPts = (v: number | null) => (v === null ? '—' : r.points(v));

function Controls({ runs }: { runs: RunView[] }) {
  const { smoothing, xAxis, set } = useChartSettings();
  const toggleRun = useRunStore((s) => s.toggleRun);
  return (
    <div className="chart-controls">
      <div className="legend" data-testid="legend">
        {runs.map((run) => (
          <button key={run.info.id} className={`legend-item${run.visible ? '' : ' off'}`} data-testid={`legend-${run.info.id}`} aria-pressed={run.visible} onClick={() => toggleRun(run.info.id)} title={renderParts(run.info.description)}>
            <span className="swatch" style={{ background: run.color }} />
            {render(run.info.name)}
          </button>
        ))}
      </div>
      <label className="field inline">
        <span>{r.smoothing}</span>
        <input type="range" min={0} max={0.99} step={0.01} value={smoothing} data-testid="smoothing" onChange={(e) => set({ smoothing: Number(e.target.value) })} />
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
  return (
    <>
      <div className="table-head">
        <h3>{r.summary}</h3>
        <label className="field inline">
          <span>{r.threshold}</span>
          <input type="number" min={0.05} max={1} step={0.05} value={threshold} data-testid="threshold" onChange={(e) => {
              const v = Number(e.target.value);
              if (e.target.value !== '' && v > 0 && v <= 1) set({ threshold: v });
            }} />
        </label>
      </div>
      <table className="summary" data-testid="summary-table">
        <thead>
          <tr>
            {[c.run, c.status, c.final, ...(shifted ? [c.shifted] : []), c.best, c.jumpstart, c.auc, c.toThreshold, c.wall].map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((rep) => (
            <tr key={rep.id} data-testid={`summary-row-${rep.id}`} data-epochs={runs.find((x) => x.info.id === rep.id)?.epochs.length ?? 0}>
              <td>{rep.name}</td>
              <td>{ui.training.status[rep.status as keyof typeof ui.training.status] ?? rep.status}</td>
              <td data-testid={`final-${rep.id}`}>{pct(rep.summary.finalValAccuracy)}</td>
              {shifted && <td data-testid={`shifted-${rep.id}`}>{pct(rep.summary.finalShiftedAccuracy)}</td>}
              <td>{pct(rep.summary.bestValAccuracy)}{rep.summary.bestEpoch ? r.atEpoch(rep.summary.bestEpoch) : ''}</td>
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

/** The experiment as a PyTorch project: same data, weights, strategy, augmentations, seeds and budget (README: "From the browser to your GPU"). */
function PythonExportButton() {
  const busy = usePythonExportStore((s) => s.busy);
  return (
    <button
      className="button small"
      data-testid="export-python"
      disabled={busy}
      title={r.pythonHint}
      onClick={async () => {
        const zip = await usePythonExportStore.getState().exportProject(useExperimentStore.getState().config);
        if (zip) download('transfer-lab-pytorch.zip', zip, 'application/zip');
      }}
    >
      {busy ? r.pythonBusy : r.python}
    </button>
  );
}

function PythonExportNotes() {
  const { reasons, notes } = usePythonExportStore(useShallow((s) => ({ reasons: s.reasons, notes: s.notes })));
  if (!reasons.length && !notes.length) return null;
  return (
    <div className="small" data-testid="python-export-notes">
      {reasons.length > 0 && <p className="error" role="alert">{r.pythonRefused}</p>}
      <ul>
        {[...reasons, ...notes].map((m, i) => (
          <li key={i} data-testid={reasons.includes(m) ? 'python-refusal' : 'python-note'}>
            {render(m)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Each finished run's trained model as TF.js files, to load back here (as your own model) or anywhere TF.js runs. */
function ModelDownloads({ runs }: { runs: RunView[] }) {
  const [problem, setProblem] = useState<'not-trained' | 'external-source' | null>(null);
  const done = runs.filter((x) => x.status === 'done');
  if (!done.length) return null;
  return (
    <div className="buttons small" data-testid="model-downloads">
      <span title={r.modelsHint}>{r.models}</span>
      {done.map((run) => (
        <button
          key={run.info.id}
          className="button small"
          data-testid={`export-model-${run.info.id}`}
          onClick={async () => {
            const zip = await trainedModelZip(run.info.id);
            if (typeof zip === 'string') return setProblem(zip);
            setProblem(null);
            download(`transfer-lab-${run.info.id}-tfjs.zip`, zip, 'application/zip');
          }}
        >
          {render(run.info.name)}
        </button>
      ))}
      {problem && <span className="muted small" data-testid="model-download-problem">{r.modelUnavailable[problem]}</span>}
    </div>
  );
}

/** Beyond this many classes the matrix would be unreadable (and 10⁶ cells at the 1,000-class cap). */
const CONFUSION_MAX_CLASSES = 24;

/**
 * The classes to draw: all of them when they fit, else the `limit` with the most errors (missed
 * or wrongly predicted), in class order, so the matrix shows where the model struggles.
 */
export function mostConfused(confusion: readonly (readonly number[])[], limit: number): number[] {
  const n = confusion.length;
  if (n <= limit) return Array.from({ length: n }, (_, i) => i);
  const errors = new Array<number>(n).fill(0);
  confusion.forEach((row, a) =>
    row.forEach((v, p) => {
      if (a === p) return;
      errors[a] += v;
      errors[p] += v;
    }),
  );
  return Array.from({ length: n }, (_, i) => i)
    .sort((x, y) => errors[y] - errors[x] || x - y)
    .slice(0, limit)
    .sort((x, y) => x - y);
}

function Diagnostics({ runs }: { runs: RunView[] }) {
  const withResult = runs.filter((run) => run.result);
  const [selected, setSelected] = useState<string | null>(null);
  const valImages = useRunStore((s) => s.valImages);
  const openSaliency = useSaliencyStore((s) => s.open);
  const run = withResult.find((x) => x.info.id === selected) ?? withResult[0];
  if (!run?.result) return null;
  const { confusion, perClassAccuracy, misclassified } = run.result;
  const classNames = run.result.classNames.map(className);
  const shown = mostConfused(confusion, CONFUSION_MAX_CLASSES);
  let max = 1;
  for (const a of shown) for (const p of shown) max = Math.max(max, confusion[a][p]);
  return (
    <div className="diagnostics" data-testid="diagnostics">
      <div className="tabs" role="tablist">
        {withResult.map((x) => (
          <button key={x.info.id} role="tab" aria-selected={x === run} onClick={() => setSelected(x.info.id)}>
            {render(x.info.name)}
          </button>
        ))}
      </div>
      <div className="diag-grid">
        <figure>
          <figcaption>{r.confusion}</figcaption>
          {shown.length < classNames.length && (
            <p className="small muted" data-testid="confusion-summary">
              {r.confusionSubset(shown.length, classNames.length)}
            </p>
          )}
          <div className="table-scroll">
            <table className="confusion" data-testid="confusion-matrix">
              <thead>
                <tr>
                  <th className="small muted">{r.actual} ↓ / {r.predicted} →</th>
                  {shown.map((c) => (
                    <th key={c}>{classNames[c]}</th>
                  ))}
                  <th>{r.perClass}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => (
                  <tr key={a}>
                    <th>{classNames[a]}</th>
                    {shown.map((p) => {
                      const v = confusion[a][p];
                      return (
                        <td key={p} style={{ background: `rgba(${a === p ? '37,99,235' : '234,88,12'},${v / max})`, color: v / max > 0.5 ? 'white' : undefined }}>
                          {v}
                        </td>
                      );
                    })}
                    <td>{pct(perClassAccuracy[a])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </figure>
        <figure>
          <figcaption>
            {r.misclassified} ({misclassified.length})
          </figcaption>
          {misclassified.length === 0 ? (
            <p className="muted small">{r.noMistakes}</p>
          ) : (
            <div className="gallery" data-testid="misclassified">
              {valImages &&
                misclassified.slice(0, 60).map((m) => (
                  <button key={m.index} className="gallery-item" data-testid="misclassified-item" data-index={m.index} title={ui.saliency.clickHint} onClick={() => void openSaliency(m.index)}>
                    <ImageThumb set={valImages} index={m.index} size={40} title={`${classNames[m.actual]} → ${classNames[m.predicted]}`} />
                    <span className="small">
                      {classNames[m.actual]}→<strong>{classNames[m.predicted]}</strong>
                    </span>
                  </button>
                ))}
            </div>
          )}
        </figure>
      </div>
      <SaliencyView classNames={classNames} />
    </div>
  );
}

/** Live curves, the summary table, diagnostics and exports for the current experiment. */
export function ResultsPanel() {
  const runs = useRunStore((s) => s.runs);
  const config = useRunStore((s) => s.config);
  const classNames = useRunStore((s) => s.classNames);
  const threshold = useChartSettings((s) => s.threshold);
  const hasEpochs = runs.some((run) => run.epochs.length);
  const shared = useRunStore((s) => s.shared);
  return (
    <section className="panel results" data-testid="results-panel">
      <div className="table-head">
        <h2>{r.title}</h2>
        <Control id="results-details">
        <div className="buttons">
          <button className="button small" disabled={!hasEpochs} data-testid="export-json" onClick={() => download('transfer-lab-results.json', JSON.stringify(resultsJson(config, runs, threshold, classNames, { featureMaps: useFeatureMapStore.getState().report, saliency: useSaliencyStore.getState().report }), null, 2), 'application/json')}>
            {r.exportJson}
          </button>
          <button className="button small" disabled={!hasEpochs} data-testid="export-csv" onClick={() => download('transfer-lab-results.csv', resultsCsv(runs), 'text/csv')}>
            {r.exportCsv}
          </button>
          <PythonExportButton />
        </div>
        </Control>
      </div>
      <PythonExportNotes />
      {shared && (
        <p className="notice small" data-testid="shared-results">
          {ui.share.sharedResults}
        </p>
      )}
      <Control id="chart">
      <SweepChart />
      <SeedsPanel />
      {runs.length === 0 ? <p className="muted empty">{r.empty}</p> : <Controls runs={runs} />}
      {/* Mounted even before the first run: a chart's first mount is its most expensive render,
          and it belongs to page load, not to the moment training starts. */}
      <CurvesChart runs={runs} />
      </Control>
      {runs.length > 0 && (
        <Control id="results-details">
          <SummaryTable runs={runs} />
          <ModelDownloads runs={runs} />
          <ForgettingPanel />
          <Diagnostics runs={runs} />
        </Control>
      )}
    </section>
  );
}
