import { INPUT_SIDE } from '../../core/models/inputSpec';
import { mapDrawKey } from '../../core/config/keys';
import { render, ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { useFeatureMapStore } from '../../lab/featureMapStore';
import { useRunStore } from '../../lab/runStore';
import { toImageSet, useUploadStore } from '../../lab/uploads/uploadStore';
import { useZooStore } from '../../lab/zooStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { MapControls } from './MapControls';
import { MapReport } from './MapReport';
import { useLabBusy } from '../../lab/busy';

const m = ui.maps;

/**
 * Feature-space maps: the source's features of the target before training and each run's after,
 * side by side, each with its k-NN separability — computed in the worker, drawn on canvases.
 */
export function FeatureMapPanel() {
  const config = useExperimentStore((s) => s.config);
  const engineReady = useZooStore((s) => s.status === 'ready');
  const runs = useRunStore((s) => s.runs);
  const busy = useLabBusy(['training']);
  const { method, report, drawnFor, progress, error, setMethod, draw } = useFeatureMapStore();
  // The engine names what it projects by id: the source, or a run of the latest experiment.
  const progressLabel = (id: string) => {
    const run = runs.find((x) => x.info.id === id);
    return run
      ? render(run.info.name)
      : id === 'source'
        ? m.sourcePanel(config.source.kind === 'custom' ? config.source.name : config.source.id)
        : id;
  };
  const key = mapDrawKey(
    config,
    runs.map((r) => [r.info.id, r.status] as const),
  );
  const draw_ = () => {
    const uploaded = config.target.kind === 'upload' ? toImageSet(useUploadStore.getState(), INPUT_SIDE) : null;
    void draw(config, uploaded, key);
  };
  return (
    <section className="panel" data-testid="featuremap-panel">
      <h2>{m.title}</h2>
      <p className="muted small">{m.hint}</p>
      <MapControls method={method} setMethod={setMethod} drawDisabled={!engineReady || busy || !!progress} onDraw={draw_} report={report} />
      {progress && (
        <ProgressBar
          label={m.drawing(progressLabel(progress.label))}
          done={Math.round(progress.done * 100)}
          total={100}
          etaMs={null}
          testId="map-progress"
        />
      )}
      {error && (
        <p className="error small" role="alert">
          {m.failed(render(error))}
        </p>
      )}
      {report && drawnFor !== key && <p className="notice small">{m.stale}</p>}
      {report && <MapReport report={report} />}
    </section>
  );
}
