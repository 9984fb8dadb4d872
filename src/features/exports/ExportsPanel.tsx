import { useState } from 'react';
import { render, ui } from '../../i18n';
import { useRunStore, type RunView } from '../../lab/runStore';
import { useSaliencyStore } from '../../lab/saliencyStore';
import { useFeatureMapStore } from '../../lab/featureMapStore';
import { useChartSettings } from '../../lab/chartSettingsStore';
import { download } from '../../platform/download';
import { resultsCsv, resultsJson } from './exportResults';
import { trainedModelZip } from './exportModel';
import { usePythonExportStore } from './pythonExportStore';
import { useExperimentStore } from '../../lab/experimentStore';
import { useShallow } from 'zustand/react/shallow';
import { Control } from '../../ui/Control';

const r = ui.results;

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
      {reasons.length > 0 && (
        <p className="error" role="alert">
          {r.pythonRefused}
        </p>
      )}
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
      {problem && (
        <span className="muted small" data-testid="model-download-problem">
          {r.modelUnavailable[problem]}
        </span>
      )}
    </div>
  );
}

/** Results as JSON and CSV, the PyTorch project and each run's trained model: the exports of the Share & saved view. */
export function ExportsPanel() {
  const runs = useRunStore((s) => s.runs);
  const config = useRunStore((s) => s.config);
  const classNames = useRunStore((s) => s.classNames);
  const threshold = useChartSettings((s) => s.threshold);
  const hasEpochs = runs.some((run) => run.epochs.length);
  return (
    <Control id="results-details">
      <section className="panel" data-testid="exports-panel">
        <h2>{r.exports}</h2>
        <div className="buttons">
          <button
            className="button small"
            disabled={!hasEpochs}
            data-testid="export-json"
            onClick={() =>
              download(
                'transfer-lab-results.json',
                JSON.stringify(
                  resultsJson(config, runs, threshold, classNames, {
                    featureMaps: useFeatureMapStore.getState().report,
                    saliency: useSaliencyStore.getState().report,
                  }),
                  null,
                  2,
                ),
                'application/json',
              )
            }
          >
            {r.exportJson}
          </button>
          <button
            className="button small"
            disabled={!hasEpochs}
            data-testid="export-csv"
            onClick={() => download('transfer-lab-results.csv', resultsCsv(runs), 'text/csv')}
          >
            {r.exportCsv}
          </button>
          <PythonExportButton />
        </div>
        <PythonExportNotes />
        <ModelDownloads runs={runs} />
      </section>
    </Control>
  );
}
