import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureMapReport, MapPanel } from '../../core/projection/featureMaps';
import { className, ui } from '../../i18n';
import { ImageThumb } from '../../ui/ImageThumb';
import { classColour, drawPoints, layout, MAP_SIDE, nearest, panelTitle } from './mapDrawing';

const m = ui.maps;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One map on its canvas, with its k-NN separability; hovering a point shows its image. */
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
            <span className="small">
              {m.hover(
                className(report.images.classNames[report.images.labels[hover.i]!]!),
                report.isVal[hover.i] ? m.splits.val : m.splits.train,
              )}
            </span>
          </div>
        )}
      </div>
    </figure>
  );
}

/** The drawn maps side by side, the class legend, and a word when only the source's map exists yet. */
export function MapReport({ report }: { report: FeatureMapReport }) {
  const classes = report.images.classNames.map(className);
  return (
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
  );
}
