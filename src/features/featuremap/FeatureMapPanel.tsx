import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureMapReport, MapMethod, MapPanel } from '../../core/projection/featureMaps';
import { INPUT_SIDE } from '../../core/models/inputSpec';
import { mapDrawKey } from '../../core/config/keys';
import { className, render, ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { useFeatureMapStore } from '../../lab/featureMapStore';
import { useRunStore } from '../../lab/runStore';
import { toImageSet, useUploadStore } from '../../lab/uploads/uploadStore';
import { useZooStore } from '../../lab/zooStore';
import { download } from '../../platform/download';
import { ImageThumb } from '../../ui/ImageThumb';
import { ProgressBar } from '../../ui/ProgressBar';
import { classColour, drawPoints, layout, MAP_SIDE, nearest, panelTitle } from './mapDrawing';
import { mapsJson, mapsPng } from './exportMaps';
import { useLabBusy } from '../../lab/busy';

const m = ui.maps;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;


function MapFigure({ report, panel }: { report: FeatureMapReport; panel: MapPanel }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const at = useMemo(() => layout(panel), [panel]);
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const classes = report.images.classNames.length;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = MAP_SIDE * dpr;
    canvas.height = MAP_SIDE * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, MAP_SIDE, MAP_SIDE);
    drawPoints(ctx, at, report.images.labels, report.isVal, classes);
  }, [at, report, classes]);
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const i = nearest(at, e.clientX - box.left, e.clientY - box.top);
    setHover(i < 0 ? null : { i, x: e.clientX - box.left, y: e.clientY - box.top });
  };
  return (
    <figure className="map-figure" data-testid={`map-${panel.id}`} data-kind={panel.kind}>
      <figcaption className="small">
        <strong>{panelTitle(panel)}</strong>
        <br />
        <span title={m.knnTitle} data-testid={`map-knn-${panel.id}`} data-value={panel.knn}>
          {m.knn(pct(panel.knn))}
        </span>
        {panel.explained && <span className="muted"> · {m.explained(pct(panel.explained[0]), pct(panel.explained[1]))}</span>}
      </figcaption>
      <div className="map-canvas">
        <canvas ref={ref} style={{ width: MAP_SIDE, height: MAP_SIDE }} onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
        {hover && (
          <div className="map-hover" style={{ left: hover.x + 10, top: hover.y + 10 }} data-testid="map-hover">
            <ImageThumb set={report.images} index={hover.i} size={56} />
            <span className="small">{m.hover(className(report.images.classNames[report.images.labels[hover.i]!]!), report.isVal[hover.i] ? m.splits.val : m.splits.train)}</span>
          </div>
        )}
      </div>
    </figure>
  );
}

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
    return run ? render(run.info.name) : id === 'source' ? m.sourcePanel(config.source.kind === 'custom' ? config.source.name : config.source.id) : id;
  };
  const key = mapDrawKey(config, runs.map((r) => [r.info.id, r.status] as const));
  const draw_ = () => {
    const uploaded = config.target.kind === 'upload' ? toImageSet(useUploadStore.getState(), INPUT_SIDE) : null;
    void draw(config, uploaded, key);
  };
  const classes = (report?.images.classNames ?? []).map(className);
  return (
    <section className="panel" data-testid="featuremap-panel">
      <h2>{m.title}</h2>
      <p className="muted small">{m.hint}</p>
      <div className="fields inline">
        <label className="field">
          <span>{m.method}</span>
          <select value={method} data-testid="map-method" onChange={(e) => setMethod(e.target.value as MapMethod)}>
            {(Object.keys(m.methods) as MapMethod[]).map((k) => (
              <option key={k} value={k}>
                {m.methods[k]}
              </option>
            ))}
          </select>
        </label>
        <button className="button" data-testid="draw-maps" disabled={!engineReady || busy || !!progress} onClick={draw_}>
          {m.draw}
        </button>
        {report && (
          <>
            <button className="button small" data-testid="export-maps-png" onClick={() => void mapsPng(report).then((png) => download('transfer-lab-feature-maps.png', png, 'image/png'))}>
              {m.exportPng}
            </button>
            <button className="button small" data-testid="export-maps-json" onClick={() => download('transfer-lab-feature-maps.json', JSON.stringify(mapsJson(report)), 'application/json')}>
              {m.exportJson}
            </button>
          </>
        )}
      </div>
      {progress && <ProgressBar label={m.drawing(progressLabel(progress.label))} done={Math.round(progress.done * 100)} total={100} etaMs={null} testId="map-progress" />}
      {error && (
        <p className="error small" role="alert">
          {m.failed(render(error))}
        </p>
      )}
      {report && drawnFor !== key && <p className="notice small">{m.stale}</p>}
      {report && (
        <>
          <div className="map-grid" data-testid="map-grid" data-method={report.method}>
            {report.panels.map((p) => (
              <MapFigure key={p.id} report={report} panel={p} />
            ))}
          </div>
          <p className="map-legend small">
            {classes.map((name, c) => (
              <span key={name}>
                <span className="dot" style={{ background: classColour(c, classes.length) }} /> {name}
              </span>
            ))}
          </p>
          {report.panels.length === 1 && <p className="muted small">{m.beforeTraining}</p>}
        </>
      )}
    </section>
  );
}
