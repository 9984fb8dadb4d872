import { AUGMENTATION_INFO, type AugmentationKind, type Augmentations } from '../../core/augment/schema';
import { ui } from '../../i18n';

const a = ui.augment;

interface Props {
  kind: AugmentationKind;
  value: Augmentations[AugmentationKind];
  onChange: (kind: AugmentationKind, patch: Partial<Augmentations[AugmentationKind]>) => void;
}

/** One augmentation: its on/off box, its probability and (where it has one) its strength. */
export function AugmentRow({ kind, value, onChange }: Props) {
  const info = AUGMENTATION_INFO[kind];
  return (
    <div className={`augment-row${value.enabled ? ' on' : ''}`}>
      <label className="check">
        <input
          type="checkbox"
          checked={value.enabled}
          data-testid={`aug-${kind}`}
          onChange={(e) => onChange(kind, { enabled: e.target.checked })}
        />
        {a.kinds[kind].label}
      </label>
      <label className="slider" title={a.probability}>
        <span>{a.probability}</span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={value.p}
          disabled={!value.enabled}
          data-testid={`aug-${kind}-p`}
          onChange={(e) => onChange(kind, { p: Number(e.target.value) })}
        />
        <output>{value.p.toFixed(2)}</output>
      </label>
      {info.max > info.min ? (
        <label className="slider" title={a.kinds[kind].strength}>
          <span>{a.kinds[kind].strength}</span>
          <input
            type="range"
            min={info.min}
            max={info.max}
            step={info.step}
            value={value.strength}
            disabled={!value.enabled}
            data-testid={`aug-${kind}-strength`}
            onChange={(e) => onChange(kind, { strength: Number(e.target.value) })}
          />
          <output>{value.strength}</output>
        </label>
      ) : (
        <span />
      )}
    </div>
  );
}
