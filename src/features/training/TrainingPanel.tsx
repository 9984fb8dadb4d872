import type { Strategy } from '../../core/config/experiment';
import { en } from '../../i18n/en';
import { useExperimentStore } from '../../state/experimentStore';
import { useRunStore } from '../../state/runStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { toImageSet, trainingBlocker, useUploadStore } from '../../state/uploads/uploadStore';

const t = en.training;

function NumberField({ label, value, onChange, min, max, step, testId }: { label: string; value: number; onChange: (v: number) => void; min: number; max: number; step?: number; testId: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        value={value}
        min={min}
        max={max}
        step={step ?? 1}
        data-testid={testId}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && v >= min && v <= max) onChange(v);
        }}
      />
    </label>
  );
}

/** Strategy and hyper-parameters, the run controls, and progress with ETA. */
export function TrainingPanel() {
  const { config, setStrategy, setTraining, setSeed, setValidationFraction, setScratchBaseline } = useExperimentStore();
  const { phase, progress, runs, error, start, pause, resume, stop, reset } = useRunStore();
  const uploadClasses = useUploadStore((s) => s.classes);
  const blocker = config.target.kind === 'upload' ? trainingBlocker(uploadClasses) : null;
  const busy = phase === 'running' || phase === 'paused';
  const s = config.strategy;

  const onStrategy = (kind: Strategy['kind']) =>
    setStrategy(kind === 'linear-probe' ? { kind } : kind === 'fine-tune' ? { kind, trainableBlocks: 1 } : { kind, backboneLrMultiplier: 1 });

  const onStart = () => {
    const uploaded = config.target.kind === 'upload' ? toImageSet(useUploadStore.getState(), 32) : null;
    void start(config, uploaded);
  };

  return (
    <section className="panel" data-testid="training-panel">
      <h2>{t.title}</h2>
      <label className="field wide">
        <span>{t.strategy}</span>
        <select value={s.kind} data-testid="strategy" disabled={busy} onChange={(e) => onStrategy(e.target.value as Strategy['kind'])}>
          {(Object.keys(t.strategies) as Strategy['kind'][]).map((k) => (
            <option key={k} value={k}>
              {t.strategies[k]}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="fields" disabled={busy}>
        {s.kind === 'fine-tune' && (
          <NumberField label={t.trainableBlocks} value={s.trainableBlocks} min={1} max={4} onChange={(v) => setStrategy({ ...s, trainableBlocks: v })} testId="trainable-blocks" />
        )}
        {s.kind === 'full' && (
          <NumberField label={t.backboneLr} value={s.backboneLrMultiplier} min={0} max={1} step={0.05} onChange={(v) => setStrategy({ ...s, backboneLrMultiplier: v })} testId="backbone-lr" />
        )}
        <NumberField label={t.epochs} value={config.training.epochs} min={1} max={200} onChange={(v) => setTraining({ epochs: v })} testId="epochs" />
        <NumberField label={t.batchSize} value={config.training.batchSize} min={1} max={512} onChange={(v) => setTraining({ batchSize: v })} testId="batch-size" />
        <NumberField label={t.learningRate} value={config.training.learningRate} min={0.00001} max={1} step={0.001} onChange={(v) => setTraining({ learningRate: v })} testId="learning-rate" />
        <NumberField label={t.seed} value={config.seed} min={0} max={2 ** 31 - 1} onChange={setSeed} testId="seed" />
        <NumberField label={t.validation} value={Math.round(config.split.validationFraction * 100)} min={5} max={50} onChange={(v) => setValidationFraction(v / 100)} testId="validation-pct" />
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={config.scratchBaseline} disabled={busy} data-testid="scratch-baseline" onChange={(e) => setScratchBaseline(e.target.checked)} />
        {t.scratch}
      </label>
      <div className="buttons">
        {!busy && (
          <button className="button primary" data-testid="train" disabled={!!blocker} onClick={onStart}>
            {t.start}
          </button>
        )}
        {phase === 'running' && (
          <button className="button" data-testid="pause" onClick={pause}>
            {t.pause}
          </button>
        )}
        {phase === 'paused' && (
          <button className="button" data-testid="resume" onClick={resume}>
            {t.resume}
          </button>
        )}
        {busy && (
          <button className="button" data-testid="stop" onClick={stop}>
            {t.stop}
          </button>
        )}
        {!busy && phase !== 'idle' && (
          <button className="button" data-testid="reset" onClick={reset}>
            {t.reset}
          </button>
        )}
      </div>
      {blocker && <p className="small warn" data-testid="train-blocker">{blocker}</p>}
      {error && (
        <p className="error" role="alert" data-testid="train-error">
          {error}
        </p>
      )}
      {(['load', 'embed', 'train'] as const).map((p) => {
        const pr = progress[p];
        return pr && busy ? <ProgressBar key={p} label={t.phases[p]} done={pr.done} total={pr.total} etaMs={pr.etaMs} testId={`progress-${p}`} /> : null;
      })}
      {runs.length > 0 && (
        <ul className="run-status">
          {runs.map((r) => (
            <li key={r.info.id} data-testid={`run-status-${r.info.id}`}>
              <span className="swatch" style={{ background: r.color }} /> {r.info.name}: <strong>{t.status[r.status]}</strong>
              {r.message && <span className="warn small"> — {r.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
