import { shiftAmount } from '../../core/data/bias';
import { ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { ImageThumb } from '../../ui/ImageThumb';
import type { TargetPreview } from '../../workers/engine/api';
import { BiasKnobs } from './BiasKnobs';

const b = ui.bias;

/** Clean vs. as-labelled training counts per class, as paired bars. */
function Histogram({ classNames, clean, noisy }: { classNames: readonly string[]; clean: number[]; noisy: number[] | null }) {
  const max = Math.max(1, ...clean, ...(noisy ?? []));
  return (
    <figure className="histogram" data-testid="class-histogram">
      <figcaption className="small">
        {b.counts}
        {noisy && (
          <span className="muted">
            {' '}
            — <span className="bar-key clean" /> {b.clean} <span className="bar-key noisy" /> {b.noisy}
          </span>
        )}
      </figcaption>
      {classNames.map((name, c) => (
        <div key={name} className="histogram-row">
          <span className="preview-class">{name}</span>
          <span className="bars">
            <span className="bar clean" style={{ width: `${(clean[c] / max) * 100}%` }} />
            {noisy && <span className="bar noisy" style={{ width: `${(noisy[c] / max) * 100}%` }} />}
          </span>
          <span className="small" data-testid={`count-${c}`}>
            {clean[c]}
            {noisy && noisy[c] !== clean[c] ? ` → ${noisy[c]}` : ''}
          </span>
        </div>
      ))}
    </figure>
  );
}

/**
 * The data-bias knobs. Counts come from the engine's own preparation of the target (built-in
 * sets) or from the same pure planning function (uploads), so what is shown is what trains.
 */
export function BiasPanel({
  preview,
  planned,
  classNames,
  busy,
}: {
  preview: TargetPreview | null;
  planned: number[] | null;
  classNames: readonly string[];
  busy: boolean;
}) {
  const bias = useExperimentStore((s) => s.config.bias);
  const setBias = useExperimentStore((s) => s.setBias);
  const clean = preview?.classCounts.clean ?? planned;
  const noisy = preview && bias.labelNoise.fraction > 0 ? preview.classCounts.noisy : null;
  const flipped = preview?.flipped ?? 0;
  return (
    <div className="bias" data-testid="bias-panel">
      <h3>{b.title}</h3>
      <p className="muted small">{b.hint}</p>
      <BiasKnobs bias={bias} setBias={setBias} busy={busy} />
      {clean && (
        <>
          <p className="small" data-testid="planned-total">
            {b.planned(clean.reduce((x, y) => x + y, 0))}
            {flipped > 0 && <> · {b.flipped(flipped)}</>}
          </p>
          <Histogram classNames={classNames} clean={clean} noisy={noisy} />
        </>
      )}
      {preview?.shifted && bias.shift.kind !== 'none' && (
        <div data-testid="shifted-preview">
          <p className="small">
            {b.shiftedPreview(
              preview.counts.shifted,
              b.shiftLabel(bias.shift.kind, bias.shift.severity, shiftAmount(bias.shift.kind, bias.shift.severity)),
            )}
          </p>
          <div className="preview-row">
            {Array.from(preview.shifted.labels, (_, i) => (
              <ImageThumb key={i} set={preview.shifted!} index={i} size={28} />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
