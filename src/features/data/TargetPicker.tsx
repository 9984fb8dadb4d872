import { useDeferredValue, useMemo } from 'react';
import { plannedCounts } from '../../core/data/bias';
import { dataSeed, type ExperimentConfig } from '../../core/config/experiment';
import { BiasPanel } from './BiasPanel';
import { Control } from '../../ui/Control';
import { DomainGapMeter } from './DomainGapMeter';
import { className, ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { UploadPanel } from './UploadPanel';
import { useUploadStore } from '../../lab/uploads/uploadStore';
import { experimentSplit } from '../../core/data/split';
import { BuiltinTargetList } from './BuiltinTargetList';
import { TargetPreviewGrid } from './TargetPreviewGrid';
import { TargetTabs } from './TargetTabs';
import { useTargetPreview } from './useTargetPreview';
import { useLabBusy } from '../../lab/busy';

/** Train/validation/blend counts the engine will use for classes of these sizes (same function, same seed). */
function splitCounts(perClass: number[], split: ExperimentConfig['split'], seed: number) {
  const labels = Uint16Array.from(perClass.flatMap((n, c) => new Array<number>(n).fill(c)));
  const s = experimentSplit(
    { width: 0, height: 0, channels: 3, pixels: new Uint8Array(0), labels, classNames: perClass.map(String) },
    split,
    seed,
  );
  const trainPerClass = new Array<number>(perClass.length).fill(0);
  for (const i of s.train) trainPerClass[labels[i]]++;
  return { train: s.train.length, val: s.validation.length, blend: s.blend.length, trainPerClass };
}

/** Built-in target sets (with a preview and the seeded split) or the user's own images. */
export function TargetPicker() {
  const config = useExperimentStore((s) => s.config);
  const setTarget = useExperimentStore((s) => s.setTarget);
  const { preview, previewError } = useTargetPreview(config);
  const target = config.target;
  const busy = useLabBusy(['training']);

  const pct = Math.round(config.split.validationFraction * 100);
  // Deferred, and the split counted once per change of the class sizes: while a folder arrives,
  // splitting a thousand labels on every commit of new images was 11 ms of each commit's task.
  const uploadClasses = useDeferredValue(useUploadStore((st) => st.classes));
  const sizes = uploadClasses.map((c) => c.images.length).join();
  const seed = dataSeed(config);
  const uploadSplit = useMemo(
    () => (target.kind === 'upload' ? splitCounts(sizes ? sizes.split(',').map(Number) : [], config.split, seed) : null),
    [target.kind, sizes, config.split, seed],
  );
  // Each branch starts with its choice Control, so switching tabs keeps that Control mounted.
  return (
    <section className="panel" data-testid="target-panel">
      <h2>{ui.target.title}</h2>
      <TargetTabs kind={target.kind} setTarget={setTarget} />
      {target.kind === 'builtin' ? (
        <>
          <Control id="target-choice">
            <BuiltinTargetList target={target} setTarget={setTarget} />
          </Control>
          {previewError && (
            <p className="error small" role="alert">
              {previewError}
            </p>
          )}
          {preview && <TargetPreviewGrid preview={preview} pct={pct} seed={dataSeed(config)} />}
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
              <BiasPanel
                preview={null}
                planned={plannedCounts(uploadSplit.trainPerClass, config.bias)}
                classNames={uploadClasses.map((c) => c.name)}
                busy={busy}
              />
            </Control>
          )}
        </>
      )}
    </section>
  );
}
