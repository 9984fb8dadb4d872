import type { Strategy } from '../../core/config/experiment';
import { ui } from '../../i18n';
import type { useExperimentStore } from '../../lab/experimentStore';
import { Control } from '../../ui/Control';
import { NumberField } from '../../ui/NumberField';

const t = ui.training;

type Experiment = ReturnType<typeof useExperimentStore.getState>;

/** The strategy: a linear probe, fine-tuning the top blocks, or everything; only the probe for a source used whole. */
export function StrategySelect({
  kind,
  frozenSource,
  busy,
  setStrategy,
}: {
  kind: Strategy['kind'];
  frozenSource: boolean;
  busy: boolean;
  setStrategy: Experiment['setStrategy'];
}) {
  const onStrategy = (next: Strategy['kind']) =>
    setStrategy(
      next === 'linear-probe'
        ? { kind: next }
        : next === 'fine-tune'
          ? { kind: next, trainableBlocks: 1 }
          : { kind: next, backboneLrMultiplier: 1 },
    );
  return (
    <Control id="strategy">
      <label className="field wide">
        <span>{t.strategy}</span>
        <select value={kind} data-testid="strategy" disabled={busy} onChange={(e) => onStrategy(e.target.value as Strategy['kind'])}>
          {(Object.keys(t.strategies) as Strategy['kind'][]).map((k) => (
            <option key={k} value={k} disabled={frozenSource && k !== 'linear-probe'}>
              {t.strategies[k]}
            </option>
          ))}
        </select>
      </label>
    </Control>
  );
}

/** The strategy's own knobs (freeze depth, backbone learning rate), the schedule, the seeds and the validation split. */
export function TrainingFields({
  experiment,
  busy,
}: {
  experiment: Pick<Experiment, 'config' | 'setStrategy' | 'setTraining' | 'setSeed' | 'setSeeds' | 'setValidationFraction'>;
  busy: boolean;
}) {
  const { config, setStrategy, setTraining, setSeed, setSeeds, setValidationFraction } = experiment;
  return (
    <fieldset className="fields" disabled={busy}>
      <StrategyKnobs s={config.strategy} setStrategy={setStrategy} />
      <Control id="epochs">
        <NumberField
          integer
          label={t.epochs}
          value={config.training.epochs}
          min={1}
          max={200}
          onChange={(v) => setTraining({ epochs: v })}
          testId="epochs"
        />
      </Control>
      <Control id="batch-size">
        <NumberField
          integer
          label={t.batchSize}
          value={config.training.batchSize}
          min={1}
          max={512}
          onChange={(v) => setTraining({ batchSize: v })}
          testId="batch-size"
        />
      </Control>
      <Control id="learning-rate">
        <NumberField
          label={t.learningRate}
          value={config.training.learningRate}
          min={0.00001}
          max={1}
          step={0.001}
          onChange={(v) => setTraining({ learningRate: v })}
          testId="learning-rate"
        />
      </Control>
      <Control id="seed">
        <NumberField integer label={t.seed} value={config.seed} min={0} max={2 ** 31 - 1} onChange={setSeed} testId="seed" />
      </Control>
      <Control id="seeds">
        <NumberField integer label={t.seeds} value={config.seeds} min={1} max={10} onChange={setSeeds} testId="seeds" />
      </Control>
      <Control id="validation">
        <NumberField
          integer
          label={t.validation}
          value={Math.round(config.split.validationFraction * 100)}
          min={5}
          max={50}
          onChange={(v) => setValidationFraction(v / 100)}
          testId="validation-pct"
        />
      </Control>
    </fieldset>
  );
}

/** What the chosen strategy adds: how many blocks to unfreeze, or the backbone's learning-rate multiplier. */
function StrategyKnobs({ s, setStrategy }: { s: Strategy; setStrategy: Experiment['setStrategy'] }) {
  return (
    <Control id="strategy">
      {s.kind === 'fine-tune' && (
        <NumberField
          integer
          label={t.trainableBlocks}
          value={s.trainableBlocks}
          min={1}
          max={8}
          onChange={(v) => setStrategy({ ...s, trainableBlocks: v })}
          testId="trainable-blocks"
        />
      )}
      {s.kind === 'full' && (
        <NumberField
          label={t.backboneLr}
          value={s.backboneLrMultiplier}
          min={0}
          max={1}
          step={0.05}
          onChange={(v) => setStrategy({ ...s, backboneLrMultiplier: v })}
          testId="backbone-lr"
        />
      )}
    </Control>
  );
}
