import { useState } from 'react';
import { REMEDY_DEFAULTS, REMEDY_IDS, remedyOn, type RemedyId, type Remedies } from '../../core/remedies/schema';
import { tRemedies as t } from '../../i18n';
import type { ExplainTopic } from '../../i18n/explain.en';
import { useExperimentStore } from '../../lab/experimentStore';
import { ExplainLink } from '../../ui/ExplainLink';
import { NumberField } from '../../ui/NumberField';

/** Each remedy's explain topic, and its setting's field (null: a plain switch). */
const TOPIC: Record<RemedyId, ExplainTopic> = {
  labelSmoothing: 'label-smoothing',
  gce: 'gce',
  smallLoss: 'small-loss',
  classBalanced: 'class-balanced',
  resample: 'resampling',
  logitAdjust: 'logit-adjustment',
};
type Numeric = Exclude<RemedyId, 'resample'>;
/** Bounds as the config schema sets them; small-loss is edited in percent. */
const FIELD: Record<Numeric, { min: number; max: number; step: number; percent?: boolean }> = {
  labelSmoothing: { min: 0.01, max: 0.5, step: 0.05 },
  gce: { min: 0.05, max: 1, step: 0.05 },
  smallLoss: { min: 1, max: 80, step: 5, percent: true },
  classBalanced: { min: 0.9, max: 0.9999, step: 0.001 },
  logitAdjust: { min: 0.1, max: 3, step: 0.1 },
};

const GROUPS: { title: 'noise' | 'imbalance'; ids: RemedyId[] }[] = [
  { title: 'noise', ids: ['labelSmoothing', 'gce', 'smallLoss'] },
  { title: 'imbalance', ids: ['classBalanced', 'resample', 'logitAdjust'] },
];

/**
 * The remedies for label noise and class imbalance (core/remedies): a switch per remedy with a
 * one-line explanation and its setting, and the comparison with plain transfer. Small-loss
 * selection starts from the injected noise rate, since that is the rate it should forget.
 */
export function RemediesFields({ disabled }: { disabled: boolean }) {
  const remedies = useExperimentStore((s) => s.config.remedies);
  const bias = useExperimentStore((s) => s.config.bias);
  const setRemedies = useExperimentStore((s) => s.setRemedies);
  const switchOn = (id: RemedyId, on: boolean) => {
    if (id === 'resample') return setRemedies({ resample: on });
    const start = id === 'smallLoss' && bias.labelNoise.fraction > 0 ? bias.labelNoise.fraction : REMEDY_DEFAULTS[id];
    setRemedies({ [id]: on ? start : 0 } as Partial<Remedies>);
  };
  const on = REMEDY_IDS.filter((id) => remedyOn(remedies, id)).length;
  // Folded until wanted: six switches would push the run's curves out of view. Open when a config brings some.
  const [open, setOpen] = useState(on > 0);
  return (
    <details className="remedies-fields" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="remedies">
      <summary>
        {t.title}
        {on > 0 && <span className="muted small"> · {t.switchedOn(on)}</span>}
      </summary>
      <fieldset className="fields" disabled={disabled}>
        <p className="muted small wide">
          {t.hint} <ExplainLink topic="remedies" />
        </p>
        {GROUPS.map((g) => (
          <div key={g.title} className="remedy-group wide">
            <h4 className="small">{t[g.title]}</h4>
            {g.title === 'noise' && bias.labelNoise.fraction === 0 && <p className="muted small">{t.noNoise}</p>}
            {g.title === 'imbalance' && bias.imbalanceRatio <= 1 && <p className="muted small">{t.noImbalance}</p>}
            {g.ids.map((id) => (
              <RemedySwitch key={id} id={id} remedies={remedies} switchOn={switchOn} setRemedies={setRemedies} />
            ))}
          </div>
        ))}
        {on > 0 && (
          <label className="check wide">
            <input
              type="checkbox"
              checked={remedies.compare}
              data-testid="remedies-compare"
              onChange={(e) => setRemedies({ compare: e.target.checked })}
            />
            {t.compare}
          </label>
        )}
      </fieldset>
    </details>
  );
}

function RemedySwitch({
  id,
  remedies,
  switchOn,
  setRemedies,
}: {
  id: RemedyId;
  remedies: Remedies;
  switchOn: (id: RemedyId, on: boolean) => void;
  setRemedies: (patch: Partial<Remedies>) => void;
}) {
  const on = remedyOn(remedies, id);
  const field = id === 'resample' ? null : FIELD[id];
  return (
    <div className="remedy">
      <label className="check">
        <input type="checkbox" checked={on} data-testid={`remedy-${id}`} onChange={(e) => switchOn(id, e.target.checked)} />
        {t.names[id]} <ExplainLink topic={TOPIC[id]} />
      </label>
      <p className="muted small">{t.oneLine[id]}</p>
      {on && field && id !== 'resample' && (
        <NumberField
          label={t.params[id]}
          value={field.percent ? Math.round(remedies[id] * 100) : remedies[id]}
          min={field.min}
          max={field.max}
          step={field.step}
          integer={field.percent}
          onChange={(v) => setRemedies({ [id]: field.percent ? v / 100 : v } as Partial<Remedies>)}
          testId={`remedy-${id}-value`}
        />
      )}
    </div>
  );
}
