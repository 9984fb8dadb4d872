import { ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { useRunStore } from '../../lab/runStore';
import { MemoryLine } from './MemoryLine';
import { ForgettingFields } from './ForgettingFields';
import { RemediesFields } from './RemediesFields';
import { StrategySelect, TrainingFields } from './TrainingFields';
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
  const externalInfo =
    config.source.kind === 'zoo' ? null : external[config.source.kind === 'hosted' ? config.source.id : 'custom']?.loaded?.info;
  const frozenSource = externalInfo?.format === 'graph' || !!externalInfo?.featureModel;

  return (
    <section className="panel" data-testid="training-panel">
      <h2>{t.title}</h2>
      <Control id="training-settings">
        <StrategySelect kind={config.strategy.kind} frozenSource={frozenSource} busy={busy} setStrategy={setStrategy} />
        <TrainingFields experiment={{ config, setStrategy, setTraining, setSeed, setSeeds, setValidationFraction }} busy={busy} />
        {/* Guarding against forgetting is part of the strategy (L2-SP, LwF, WiSE-FT). */}
        <Control id="strategy">
          <ForgettingFields disabled={busy} />
        </Control>
        <Control id="remedies">
          <RemediesFields disabled={busy} />
        </Control>
        <Control id="scratch-baseline">
          <label className="check">
            <input
              type="checkbox"
              checked={config.scratchBaseline}
              disabled={busy}
              data-testid="scratch-baseline"
              onChange={(e) => setScratchBaseline(e.target.checked)}
            />
            {t.scratch}
          </label>
        </Control>
      </Control>
      <RunStatusList />
      <MemoryLine />
    </section>
  );
}
