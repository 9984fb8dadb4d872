import type { Strategy } from '../../core/config/experiment';
import { ui } from '../../i18n';
import { useExperimentStore } from '../../state/experimentStore';
import { useRunStore } from '../../state/runStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { NumberField } from '../../ui/NumberField';
import { MemoryLine } from './MemoryLine';
import { ForgettingFields } from './ForgettingFields';
import { useShallow } from 'zustand/react/shallow';
import { useSourceStore, sourceReady as isSourceReady } from '../../state/sourceStore';
import { useZooStore } from '../../state/zooStore';
import { trainingBlocker, uploadedFor, useUploadStore } from '../../state/uploads/uploadStore';
import { SWEEP_SIZES, useStudyStore } from '../../state/studyStore';
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

/** Strategy and hyper-parameters, the run controls, and progress with ETA. */
export function TrainingPanel() {
  const { config, setStrategy, setTraining, setSeed, setSeeds, setValidationFraction, setScratchBaseline } = useExperimentStore();
  // Only what this panel shows: per-batch curve updates must not re-render it.
  const { phase, progress, error, interruption, start, pause, resume, stop, reset } = useRunStore(
    useShallow((st) => ({ phase: st.phase, progress: st.progress, error: st.error, interruption: st.interruption, start: st.start, pause: st.pause, resume: st.resume, stop: st.stop, reset: st.reset })),
  );
  const zooIds = useZooStore(useShallow((st) => (st.status === 'ready' ? st.models.map((m) => m.id) : [])));
  const external = useSourceStore((st) => st.sources);
  const sourceReady = isSourceReady(config.source, zooIds, external);
  // Graph models (and Teachable Machine exports) are used whole: nothing to unfreeze, so only the probe is offered.
  const externalInfo = config.source.kind === 'zoo' ? null : external[config.source.kind === 'hosted' ? config.source.id : 'custom']?.loaded?.info;
  const frozenSource = externalInfo?.format === 'graph' || !!externalInfo?.featureModel;
  const uploadClasses = useUploadStore((s) => s.classes);
  const blocker = config.target.kind === 'upload' ? trainingBlocker(uploadClasses) : null;
  const study = useStudyStore(useShallow((st) => ({ kind: st.kind, status: st.status, current: st.current, total: st.total, run: st.run, stop: st.stop, clear: st.clear })));
  const sweeping = study.status === 'running';
  const busy = phase === 'running' || phase === 'paused' || sweeping;
  const s = config.strategy;

  const onStrategy = (kind: Strategy['kind']) =>
    setStrategy(kind === 'linear-probe' ? { kind } : kind === 'fine-tune' ? { kind, trainableBlocks: 1 } : { kind, backboneLrMultiplier: 1 });

  // Images go to the engine at the size the source takes (the scratch baseline shrinks them itself).
  const uploadedImages = () => uploadedFor(config);
  // Several seeds make a study (mean, band, verdict); one seed is a plain experiment.
  const onStart = () => {
    study.clear();
    void (config.seeds > 1 ? study.run('seeds', config, uploadedImages()) : start(config, uploadedImages()));
  };
  const onSweep = () => void study.run('sweep', config, uploadedImages());

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
      <div className="buttons">
      <Control id="train">
        {!busy && (
          <>
            <button className="button primary" data-testid="train" disabled={!!blocker || !sourceReady} onClick={onStart}>
              {t.start}
            </button>
          </>
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
          <button className="button" data-testid="stop" onClick={sweeping ? study.stop : stop}>
            {t.stop}
          </button>
        )}
        {!busy && phase !== 'idle' && (
          <button
            className="button"
            data-testid="reset"
            onClick={() => {
              study.clear();
              reset();
            }}
          >
            {t.reset}
          </button>
        )}
      </Control>
      {!busy && (
        <Control id="sweep">
          <button className="button" data-testid="sweep" disabled={!!blocker || !sourceReady} onClick={onSweep} title={t.sweepHint}>
            {t.sweep}
          </button>
        </Control>
      )}
      </div>
      {sweeping && study.kind === 'sweep' && (
        <p className="small" data-testid="sweep-progress">
          {t.sweepProgress(SWEEP_SIZES[study.current], study.current + 1, study.total)}
        </p>
      )}
      {sweeping && study.kind === 'seeds' && (
        <p className="small" data-testid="seeds-progress">
          {t.seedsProgress(study.current + 1, study.total)}
        </p>
      )}
      {blocker && <p className="small warn" data-testid="train-blocker">{render(blocker)}</p>}
      {error && (
        <p className="error" role="alert" data-testid="train-error">
          {render(error)}
        </p>
      )}
      {interruption && (
        <p className="error" role="alert" data-testid="engine-restarted" data-reason={interruption.reason}>
          {t.engineDied[interruption.reason](interruption.detail)} {t.engineKept}
        </p>
      )}
      {(['load', 'embed', 'train'] as const).map((p) => {
        const pr = progress[p];
        return pr && busy ? <ProgressBar key={p} label={t.phases[p]} done={pr.done} total={pr.total} etaMs={pr.etaMs} testId={`progress-${p}`} /> : null;
      })}
      <RunStatusList />
      <MemoryLine />
    </section>
  );
}
