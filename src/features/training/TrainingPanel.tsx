import type { Strategy } from '../../core/config/experiment';
import { ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { useRunStore } from '../../lab/runStore';
import { NumberField } from '../../ui/NumberField';
import { MemoryLine } from './MemoryLine';
import { ForgettingFields } from './ForgettingFields';
import { useSourceStore } from '../../lab/sourceStore';
import { useLabRunning } from './useRunControls';
import { render, renderParts } from '../../i18n';
import { Control } from '../../ui/Control';

const t = ui.training;

/** Small on purpose: it re-renders on every run update, the panel around it does not. */
function RunStatusList() {
  const runs = useRunStore((st) => st.runs);
  if (!runs.length) return null;
  return (
    <ul className="run-status">
      {runs.map((r) => (
        <li key={r.info.id} data-testid={`run-status-${r.info.id}`}>
          <span className="swatch" style={{ background: r.color }} /> {render(r.info.name)}: <strong>{t.status[r.status]}</strong>
          {r.message && <span className="warn small"> — {render(r.message)}</span>}
          <span className="muted small run-description"> · {renderParts(r.info.description)}</span>
          {r.info.backend && (
            <span className="muted small" data-testid={`run-backend-${r.info.id}`} title={t.runBackendTitle}>
              {' '}
              · {t.runBackend(r.info.backend)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Strategy and hyper-parameters, and each run's status (the run controls live in the run bar). */
export function TrainingPanel() {
  const { config, setStrategy, setTraining, setSeed, setSeeds, setValidationFraction, setScratchBaseline } = useExperimentStore();
  // Only what this panel shows: per-batch curve updates must not re-render it.
  const busy = useLabRunning();
  const external = useSourceStore((st) => st.sources);
  // Graph models (and Teachable Machine exports) are used whole: nothing to unfreeze, so only the probe is offered.
  const externalInfo = config.source.kind === 'zoo' ? null : external[config.source.kind === 'hosted' ? config.source.id : 'custom']?.loaded?.info;
  const frozenSource = externalInfo?.format === 'graph' || !!externalInfo?.featureModel;
  const s = config.strategy;

  const onStrategy = (kind: Strategy['kind']) =>
    setStrategy(kind === 'linear-probe' ? { kind } : kind === 'fine-tune' ? { kind, trainableBlocks: 1 } : { kind, backboneLrMultiplier: 1 });

  return (
    <section className="panel" data-testid="training-panel">
      <h2>{t.title}</h2>
      <Control id="training-settings">
      <Control id="strategy">
      <label className="field wide">
        <span>{t.strategy}</span>
        <select value={s.kind} data-testid="strategy" disabled={busy} onChange={(e) => onStrategy(e.target.value as Strategy['kind'])}>
          {(Object.keys(t.strategies) as Strategy['kind'][]).map((k) => (
            <option key={k} value={k} disabled={frozenSource && k !== 'linear-probe'}>
              {t.strategies[k]}
            </option>
          ))}
        </select>
      </label>
      </Control>
      <fieldset className="fields" disabled={busy}>
        <Control id="strategy">
          {s.kind === 'fine-tune' && (
            <NumberField integer label={t.trainableBlocks} value={s.trainableBlocks} min={1} max={8} onChange={(v) => setStrategy({ ...s, trainableBlocks: v })} testId="trainable-blocks" />
          )}
          {s.kind === 'full' && (
            <NumberField label={t.backboneLr} value={s.backboneLrMultiplier} min={0} max={1} step={0.05} onChange={(v) => setStrategy({ ...s, backboneLrMultiplier: v })} testId="backbone-lr" />
          )}
        </Control>
        <Control id="epochs">
          <NumberField integer label={t.epochs} value={config.training.epochs} min={1} max={200} onChange={(v) => setTraining({ epochs: v })} testId="epochs" />
        </Control>
        <Control id="batch-size">
          <NumberField integer label={t.batchSize} value={config.training.batchSize} min={1} max={512} onChange={(v) => setTraining({ batchSize: v })} testId="batch-size" />
        </Control>
        <Control id="learning-rate">
          <NumberField label={t.learningRate} value={config.training.learningRate} min={0.00001} max={1} step={0.001} onChange={(v) => setTraining({ learningRate: v })} testId="learning-rate" />
        </Control>
        <Control id="seed">
          <NumberField integer label={t.seed} value={config.seed} min={0} max={2 ** 31 - 1} onChange={setSeed} testId="seed" />
        </Control>
        <Control id="seeds">
          <NumberField integer label={t.seeds} value={config.seeds} min={1} max={10} onChange={setSeeds} testId="seeds" />
        </Control>
        <Control id="validation">
          <NumberField integer label={t.validation} value={Math.round(config.split.validationFraction * 100)} min={5} max={50} onChange={(v) => setValidationFraction(v / 100)} testId="validation-pct" />
        </Control>
      </fieldset>
      {/* Guarding against forgetting is part of the strategy (L2-SP, LwF, WiSE-FT). */}
      <Control id="strategy">
        <ForgettingFields disabled={busy} />
      </Control>
      <Control id="scratch-baseline">
      <label className="check">
        <input type="checkbox" checked={config.scratchBaseline} disabled={busy} data-testid="scratch-baseline" onChange={(e) => setScratchBaseline(e.target.checked)} />
        {t.scratch}
      </label>
      </Control>
      </Control>
      <RunStatusList />
      <MemoryLine />
    </section>
  );
}
