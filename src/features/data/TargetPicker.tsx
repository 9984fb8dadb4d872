import { messageOf } from '../../core/messages';
import { useEffect, useState } from 'react';
import { plannedCounts } from '../../core/data/bias';
import { dataSeed, type ExperimentConfig } from '../../core/config/experiment';
import type { TargetPreview } from '../../worker/api';
import { useRunStore } from '../../state/runStore';
import { BiasPanel } from './BiasPanel';
import { Control } from '../../ui/Control';
import { DomainGapMeter } from './DomainGapMeter';
import { BUILTIN_TARGETS, builtinTargetConfig } from '../../core/data/targets';
import { catalog, className, render, ui } from '../../i18n';
import { getEngine } from '../../state/engineClient';
import { useExperimentStore } from '../../state/experimentStore';
import { useZooStore } from '../../state/zooStore';
import { ImageThumb } from '../../ui/ImageThumb';
import { UploadPanel } from './UploadPanel';
import { useUploadStore } from '../../state/uploads/uploadStore';
import { experimentSplit } from '../../core/data/split';

/** Train/validation/blend counts the engine will use for classes of these sizes (same function, same seed). */
function splitCounts(perClass: number[], split: ExperimentConfig['split'], seed: number) {
  const labels = Uint16Array.from(perClass.flatMap((n, c) => new Array<number>(n).fill(c)));
  const s = experimentSplit({ width: 0, height: 0, channels: 3, pixels: new Uint8Array(0), labels, classNames: perClass.map(String) }, split, seed);
  const trainPerClass = new Array<number>(perClass.length).fill(0);
  for (const i of s.train) trainPerClass[labels[i]]++;
  return { train: s.train.length, val: s.validation.length, blend: s.blend.length, trainPerClass };
}

/** Built-in target sets (with a preview and the seeded split) or the user's own images. */
export function TargetPicker() {
  const config = useExperimentStore((s) => s.config);
  const setTarget = useExperimentStore((s) => s.setTarget);
  // The generation changes when a dead worker is replaced: previews are asked for again.
  const engineReady = useZooStore((s) => (s.status === 'ready' ? s.generation : 0));
  // Keyed by what picked the images, so a stale preview is never shown for a new target.
  const [loaded, setLoaded] = useState<{ key: string; preview?: TargetPreview; error?: string } | null>(null);
  const target = config.target;
  const busy = useRunStore((s) => s.phase === 'running' || s.phase === 'paused');

  // The preview depends only on what picks and biases the images — not on hyper-parameters.
  const { seed, split, bias, preprocess } = config;
  useEffect(() => {
    if (target.kind !== 'builtin' || !engineReady) return;
    let live = true;
    const key = JSON.stringify({ target, seed, split, bias, preprocess, source: preprocess.normalise ? config.source : null });
    getEngine()
      .previewTarget({ ...useExperimentStore.getState().config, target, seed, split, bias, preprocess }, 6)
      .then((preview) => live && setLoaded({ key, preview }))
      .catch((err: unknown) => live && setLoaded({ key, error: render(messageOf(err)) }));
    return () => {
      live = false;
    };
      // eslint-disable-next-line react-hooks/exhaustive-deps -- the source matters only when normalising, and is in the key then
  }, [target, seed, split, bias, preprocess, preprocess.normalise ? config.source : null, engineReady]);

  const current = loaded?.key === JSON.stringify({ target, seed, split, bias, preprocess, source: preprocess.normalise ? config.source : null }) ? loaded : null;
  const preview = current?.preview;
  const previewError = current?.error;
  const pct = Math.round(config.split.validationFraction * 100);
  const uploadClasses = useUploadStore((st) => st.classes);
  const uploadSplit = target.kind === 'upload' ? splitCounts(uploadClasses.map((c) => c.images.length), config.split, dataSeed(config)) : null;
  return (
    <section className="panel" data-testid="target-panel">
      <h2>{ui.target.title}</h2>
      <Control id="target-choice">
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={target.kind === 'builtin'} data-testid="tab-builtin" onClick={() => setTarget(builtinTargetConfig(BUILTIN_TARGETS[0]))}>
            {ui.target.builtin}
          </button>
          <button role="tab" aria-selected={target.kind === 'upload'} data-testid="tab-upload" onClick={() => setTarget({ kind: 'upload' })}>
            {ui.target.upload}
          </button>
        </div>
      </Control>
      {target.kind === 'builtin' ? (
        <>
          <Control id="target-choice">
            <div className="target-list" role="radiogroup">
              {BUILTIN_TARGETS.map((t) => (
                <label key={t.presetId} className={`target-option${t.presetId === target.presetId ? ' selected' : ''}`}>
                  <input type="radio" name="target" data-testid={`target-${t.presetId}`} checked={t.presetId === target.presetId} onChange={() => setTarget(builtinTargetConfig(t))} />
                  <span>
                    <strong>{catalog('targets', t.presetId, 'name', t.name)}</strong> <span className="muted small">{ui.target.perClass(t.maxPerClass)}</span>
                    <br />
                    <span className="muted small">{catalog('targets', t.presetId, 'description', t.description)}</span>
                  </span>
                </label>
              ))}
            </div>
          </Control>
          {previewError && (
            <p className="error small" role="alert">
              {previewError}
            </p>
          )}
          {preview && (
            <>
              <p className="small" data-testid="split-summary">
                {ui.target.split(preview.counts.train, preview.counts.val, pct, dataSeed(config))}
                {preview.counts.blend > 0 && ui.target.blend(preview.counts.blend)}
              </p>
              <div className="preview-grid">
                {preview.set.classNames.map(className).map((name, c) => (
                  <div key={name} className="preview-row">
                    <span className="preview-class">{name}</span>
                    {Array.from(preview.set.labels.entries())
                      .filter(([, l]) => l === c)
                      .map(([i]) =>
                        preview.noisy[i] ? (
                          <span key={i} className="noisy-thumb" data-testid="noisy-thumb">
                            <ImageThumb set={preview.set} index={i} size={28} title={ui.bias.noisyTitle(name, className(preview.set.classNames[preview.trueLabels[i]]))} />
                          </span>
                        ) : (
                          <ImageThumb key={i} set={preview.set} index={i} size={28} />
                        ),
                      )}
                  </div>
                ))}
              </div>
            </>
          )}
          <Control id="domain-gap">
            <DomainGapMeter />
          </Control>
          <Control id="bias">
            <BiasPanel preview={preview ?? null} planned={null} classNames={(preview?.set.classNames ?? []).map(className)} busy={busy} />
          </Control>
        </>
      ) : (
        <>
          <Control id="target-choice">
            <UploadPanel />
          </Control>
          {uploadSplit && uploadSplit.train + uploadSplit.val > 0 && (
            <p className="small" data-testid="split-summary">
              {ui.target.split(uploadSplit.train, uploadSplit.val, pct, dataSeed(config))}
              {uploadSplit.blend > 0 && ui.target.blend(uploadSplit.blend)}
            </p>
          )}
          {uploadSplit && uploadSplit.train > 0 && (
            <Control id="domain-gap">
              <DomainGapMeter />
            </Control>
          )}
          {uploadSplit && uploadSplit.train > 0 && (
            <Control id="bias">
              <BiasPanel preview={null} planned={plannedCounts(uploadSplit.trainPerClass, config.bias)} classNames={uploadClasses.map((c) => c.name)} busy={busy} />
            </Control>
          )}
        </>
      )}
    </section>
  );
}
