import { SAMPLES_PER_CLASS, SHIFT_KINDS, shiftAmount, type Bias } from '../../core/data/bias';
import { ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { ImageThumb } from '../../ui/ImageThumb';
import { NumberField } from '../../ui/NumberField';
import type { TargetPreview } from '../../workers/engine/api';

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
export function BiasPanel({ preview, planned, classNames, busy }: { preview: TargetPreview | null; planned: number[] | null; classNames: readonly string[]; busy: boolean }) {
  const bias = useExperimentStore((s) => s.config.bias);
  const setBias = useExperimentStore((s) => s.setBias);
  const clean = preview?.classCounts.clean ?? planned;
  const noisy = preview && bias.labelNoise.fraction > 0 ? preview.classCounts.noisy : null;
  const flipped = preview?.flipped ?? 0;
  const setNoise = (patch: Partial<Bias['labelNoise']>) => setBias({ labelNoise: { ...bias.labelNoise, ...patch } });
  const setShift = (patch: Partial<Bias['shift']>) => setBias({ shift: { ...bias.shift, ...patch } });
  return (
    <div className="bias" data-testid="bias-panel">
      <h3>{b.title}</h3>
      <p className="muted small">{b.hint}</p>
      <fieldset className="fields" disabled={busy}>
        <label className="field">
          <span>{b.samplesPerClass}</span>
          <select value={String(bias.samplesPerClass)} data-testid="samples-per-class" onChange={(e) => setBias({ samplesPerClass: (e.target.value === 'all' ? 'all' : Number(e.target.value)) as Bias['samplesPerClass'] })}>
            {SAMPLES_PER_CLASS.map((n) => (
              <option key={n} value={String(n)}>
                {n === 'all' ? b.all : n}
              </option>
            ))}
          </select>
        </label>
        <NumberField label={b.imbalance} value={bias.imbalanceRatio} min={1} max={100} step={1} onChange={(v) => setBias({ imbalanceRatio: v })} testId="imbalance" />
        <NumberField integer label={b.labelNoise} value={Math.round(bias.labelNoise.fraction * 100)} min={0} max={80} onChange={(v) => setNoise({ fraction: v / 100 })} testId="label-noise" />
        <label className="field">
          <span>{b.noiseMode}</span>
          <select value={bias.labelNoise.mode} data-testid="noise-mode" onChange={(e) => setNoise({ mode: e.target.value as Bias['labelNoise']['mode'] })}>
            {(['symmetric', 'pair'] as const).map((m) => (
              <option key={m} value={m}>
                {b.modes[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{b.shift}</span>
          <select value={bias.shift.kind} data-testid="shift-kind" onChange={(e) => setShift({ kind: e.target.value as Bias['shift']['kind'] })}>
            {SHIFT_KINDS.map((k) => (
              <option key={k} value={k}>
                {b.shiftKinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>
            {b.severity} {bias.shift.severity}
          </span>
          <input type="range" min={1} max={5} step={1} value={bias.shift.severity} disabled={bias.shift.kind === 'none'} data-testid="shift-severity" onChange={(e) => setShift({ severity: Number(e.target.value) })} />
        </label>
      </fieldset>
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
          <p className="small">{b.shiftedPreview(preview.counts.shifted, b.shiftLabel(bias.shift.kind, bias.shift.severity, shiftAmount(bias.shift.kind, bias.shift.severity)))}</p>
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
