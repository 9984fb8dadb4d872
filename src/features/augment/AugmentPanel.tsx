import { AUGMENTATION_KINDS, enabledKinds } from '../../core/augment/schema';
import { ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { AugmentPreviewGrid } from './AugmentPreviewGrid';
import { AugmentRow } from './AugmentRow';
import { useAugmentPreview } from './useAugmentPreview';
import { useLabBusy } from '../../lab/busy';

const a = ui.augment;

/** Augmentation toggles (probability, strength) with a live preview grid computed by the engine. */
export function AugmentPanel() {
  const config = useExperimentStore((s) => s.config);
  const setAugmentation = useExperimentStore((s) => s.setAugmentation);
  const busy = useLabBusy(['training']);
  const { preview, error, reshuffle } = useAugmentPreview(config);
  const { augmentations, target } = config;

  const on = enabledKinds(augmentations);
  return (
    <section className="panel" data-testid="augment-panel">
      <h2>{a.title}</h2>
      <p className="muted small">{a.hint}</p>
      <fieldset className="augment-list" disabled={busy}>
        {AUGMENTATION_KINDS.map((kind) => (
          <AugmentRow key={kind} kind={kind} value={augmentations[kind]} onChange={setAugmentation} />
        ))}
      </fieldset>
      {on.length > 0 && config.strategy.kind === 'linear-probe' && (
        <p className="notice small" data-testid="probe-cost">
          {a.probeCost}
        </p>
      )}
      <div className="table-head">
        <span className="small muted">{a.preview}</span>
        <button className="button small" data-testid="aug-reshuffle" onClick={reshuffle}>
          {a.reshuffle}
        </button>
      </div>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {preview ? <AugmentPreviewGrid preview={preview} /> : target.kind === 'upload' && <p className="muted small">{a.noImages}</p>}
    </section>
  );
}
