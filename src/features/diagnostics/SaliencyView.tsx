import { useEffect, useRef } from 'react';
import type { ImageSet } from '../../core/data/imageSet';
import { render, ui } from '../../i18n';
import { useSaliencyStore } from '../../lab/saliencyStore';
import { download } from '../../platform/download';
import { ImageThumb } from '../../ui/ImageThumb';
import { saliencyPng } from './exportSaliency';
import { paintOverlay } from './heat';

const t = ui.saliency;
const SIZE = 128;

/** The image with a heat map over it, at `SIZE` pixels (nearest-neighbour: the pixels are the data). */
function Overlay({ image, heat, opacity, testId }: { image: ImageSet; heat: Float32Array; opacity: number; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) paintOverlay(ctx, image, heat, opacity, SIZE);
  }, [image, heat, opacity]);
  return <canvas ref={ref} width={SIZE} height={SIZE} className="saliency-canvas" data-testid={testId} />;
}

/** Grad-CAM and input gradients of one validation image, for every run side by side. */
export function SaliencyView({ classNames }: { classNames: readonly string[] }) {
  const { index, report, error, opacity, setOpacity, close } = useSaliencyStore();
  if (index === null) return null;
  return (
    <section className="saliency" data-testid="saliency-view">
      <div className="saliency-head">
        <h3>{t.title}</h3>
        <label className="field inline small">
          <span>{t.opacity}</span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={opacity}
            data-testid="saliency-opacity"
            onChange={(e) => setOpacity(Number(e.target.value))}
          />
        </label>
        {report && (
          <button
            className="button small"
            data-testid="export-saliency-png"
            onClick={() =>
              void saliencyPng(report, classNames, opacity).then((png) =>
                download(`transfer-lab-saliency-${report.valIndex}.png`, png, 'image/png'),
              )
            }
          >
            {t.exportPng}
          </button>
        )}
        <button className="link small" onClick={close}>
          {t.close}
        </button>
      </div>
      <p className="muted small">{t.hint}</p>
      {error && (
        <p className="error small" role="alert">
          {t.failed(render(error))}
        </p>
      )}
      {!report && !error && <p className="muted small">{t.computing}</p>}
      {report && (
        <div className="saliency-grid">
          <figure>
            <ImageThumb set={report.image} index={0} size={SIZE} />
            <figcaption className="small">{t.truth(classNames[report.trueLabel] ?? String(report.trueLabel))}</figcaption>
          </figure>
          {report.runs.map((r) =>
            'maps' in r ? (
              <figure key={r.runId} data-testid={`saliency-${r.runId}`} data-predicted={r.maps.predicted}>
                <figcaption className="small">
                  <strong>{render(r.runName)}</strong> —{' '}
                  {t.predicted(classNames[r.maps.predicted] ?? String(r.maps.predicted), `${(r.maps.probability * 100).toFixed(0)}%`)}
                </figcaption>
                <div className="saliency-pair">
                  <div>
                    <Overlay image={report.image} heat={r.maps.gradcam} opacity={opacity} testId={`gradcam-${r.runId}`} />
                    <span className="small muted">{t.gradcam}</span>
                  </div>
                  <div>
                    <Overlay image={report.image} heat={r.maps.inputGradient} opacity={opacity} testId={`inputgrad-${r.runId}`} />
                    <span className="small muted">{t.inputGradient}</span>
                  </div>
                </div>
              </figure>
            ) : (
              <figure key={r.runId} data-testid={`saliency-${r.runId}`}>
                <figcaption className="small">
                  <strong>{render(r.runName)}</strong> — {t.unavailable[r.unavailable]}
                </figcaption>
              </figure>
            ),
          )}
        </div>
      )}
    </section>
  );
}
