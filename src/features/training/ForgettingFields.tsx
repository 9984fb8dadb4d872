import { ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { NumberField } from '../../ui/NumberField';

const f = ui.forgetting;

/**
 * The forgetting meter and its mitigations. Freeze depth and the backbone learning-rate multiplier
 * are the strategy fields above; L2-SP and LwF act on the backbone, so they need a strategy that
 * trains it, and the meter needs a built-in source (its card names the held-out source images).
 */
export function ForgettingFields({ disabled }: { disabled: boolean }) {
  const config = useExperimentStore((s) => s.config);
  const setForgetting = useExperimentStore((s) => s.setForgetting);
  const fg = config.forgetting;
  const available = config.source.kind === 'zoo';
  return (
    <fieldset className="fields forgetting-fields" disabled={disabled || !available}>
      <label className="check wide">
        <input
          type="checkbox"
          checked={available && fg.track}
          data-testid="forgetting-track"
          onChange={(e) => setForgetting({ track: e.target.checked })}
        />
        {f.track}
      </label>
      {available && fg.track && (
        <>
          <NumberField
            label={f.l2sp}
            value={fg.l2sp}
            min={0}
            max={100}
            step={1}
            onChange={(v) => setForgetting({ l2sp: v })}
            testId="l2sp"
          />
          <NumberField label={f.lwf} value={fg.lwf} min={0} max={100} step={0.5} onChange={(v) => setForgetting({ lwf: v })} testId="lwf" />
          <NumberField
            label={f.temperature}
            value={fg.temperature}
            min={0.5}
            max={10}
            step={0.5}
            onChange={(v) => setForgetting({ temperature: v })}
            testId="lwf-temperature"
          />
        </>
      )}
    </fieldset>
  );
}
