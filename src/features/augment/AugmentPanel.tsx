import { messageOf } from '../../core/messages';
import { useEffect, useState } from 'react';
import { AUGMENTATION_INFO, AUGMENTATION_KINDS, enabledKinds } from '../../core/augment/schema';
import type { ImageSet } from '../../core/data/imageSet';
import { INPUT_SIDE } from '../../core/models/inputSpec';
import { render, ui } from '../../i18n';
import { getEngine } from '../../state/engineClient';
import { useExperimentStore } from '../../state/experimentStore';
import { useRunStore } from '../../state/runStore';
import { toImageSet, useUploadStore, type UploadClass } from '../../state/uploads/uploadStore';
import { useZooStore } from '../../state/zooStore';
import { ImageThumb } from '../../ui/ImageThumb';

const a = ui.augment;
const IMAGES = 4;
const DRAWS = 5;

/** The first image of up to `n` classes of the user's own images: the preview rows. */
function uploadSample(classes: readonly UploadClass[], n: number): ImageSet | null {
  const picked = classes.filter((c) => c.images.length).slice(0, n).map((c) => ({ ...c, images: c.images.slice(0, 1) }));
  return picked.length ? toImageSet({ classes: picked }, INPUT_SIDE) : null;
}

/** Augmentation toggles (probability, strength) with a live preview grid computed by the engine. */
export function AugmentPanel() {
  const config = useExperimentStore((s) => s.config);
  const setAugmentation = useExperimentStore((s) => s.setAugmentation);
  const busy = useRunStore((s) => s.phase === 'running' || s.phase === 'paused');
  // The generation changes when a dead worker is replaced: previews are asked for again.
  const engineReady = useZooStore((s) => (s.status === 'ready' ? s.generation : 0));
  const uploadClasses = useUploadStore((s) => s.classes);
  // The preview rows are the first image of the first classes: adding images elsewhere must not
  // ask the engine for a new preview (an upload of 900 images would ask 900 times).
  const sampleKey = uploadClasses
    .filter((c) => c.images.length)
    .slice(0, IMAGES)
    .map((c) => c.images[0].id)
    .join();
  const [shuffle, setShuffle] = useState(0);
  const [latest, setPreview] = useState<{ set: ImageSet; ms: number; version: number; kind: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { augmentations, target, seed, split, bias } = config;

  useEffect(() => {
    if (!engineReady) return;
    const sample = target.kind === 'upload' ? uploadSample(useUploadStore.getState().classes, IMAGES) : null;
    if (target.kind === 'upload' && !sample) return;
    let live = true;
    const started = performance.now();
    getEngine()
      .previewAugment({ ...useExperimentStore.getState().config, augmentations, target, seed, split, bias }, IMAGES, DRAWS, shuffle, sample)
      .then((set) => {
        if (!live) return;
        setError(null);
        setPreview((p) => ({ set, ms: performance.now() - started, version: (p?.version ?? 0) + 1, kind: target.kind }));
      })
      .catch((err: unknown) => live && setError(render(messageOf(err))));
    return () => {
      live = false;
    };
  }, [engineReady, augmentations, target, seed, split, bias, shuffle, sampleKey]);

  const on = enabledKinds(augmentations);
  // A preview of built-in images must not linger once the user switches to their own (none yet).
  const hasImages = target.kind !== 'upload' || uploadClasses.some((c) => c.images.length);
  const preview = latest && latest.kind === target.kind && hasImages ? latest : null;
  return (
    <section className="panel" data-testid="augment-panel">
      <h2>{a.title}</h2>
      <p className="muted small">{a.hint}</p>
      <fieldset className="augment-list" disabled={busy}>
        {AUGMENTATION_KINDS.map((kind) => {
          const info = AUGMENTATION_INFO[kind];
          const value = augmentations[kind];
          return (
            <div key={kind} className={`augment-row${value.enabled ? ' on' : ''}`}>
              <label className="check">
                <input type="checkbox" checked={value.enabled} data-testid={`aug-${kind}`} onChange={(e) => setAugmentation(kind, { enabled: e.target.checked })} />
                {a.kinds[kind].label}
              </label>
              <label className="slider" title={a.probability}>
                <span>{a.probability}</span>
                <input type="range" min={0} max={1} step={0.05} value={value.p} disabled={!value.enabled} data-testid={`aug-${kind}-p`} onChange={(e) => setAugmentation(kind, { p: Number(e.target.value) })} />
                <output>{value.p.toFixed(2)}</output>
              </label>
              {info.max > info.min ? (
                <label className="slider" title={a.kinds[kind].strength}>
                  <span>{a.kinds[kind].strength}</span>
                  <input type="range" min={info.min} max={info.max} step={info.step} value={value.strength} disabled={!value.enabled} data-testid={`aug-${kind}-strength`} onChange={(e) => setAugmentation(kind, { strength: Number(e.target.value) })} />
                  <output>{value.strength}</output>
                </label>
              ) : (
                <span />
              )}
            </div>
          );
        })}
      </fieldset>
      {on.length > 0 && config.strategy.kind === 'linear-probe' && (
        <p className="notice small" data-testid="probe-cost">
          {a.probeCost}
        </p>
      )}
      <div className="table-head">
        <span className="small muted">{a.preview}</span>
        <button className="button small" data-testid="aug-reshuffle" onClick={() => setShuffle((n) => n + 1)}>
          {a.reshuffle}
        </button>
      </div>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {preview ? (
        <div className="augment-preview" data-testid="augment-preview" data-version={preview.version}>
          {Array.from({ length: preview.set.labels.length / DRAWS }, (_, i) => (
            <div key={i} className="preview-row">
              {Array.from({ length: DRAWS }, (_, d) => (
                <ImageThumb key={d} set={preview.set} index={i * DRAWS + d} size={40} />
              ))}
            </div>
          ))}
          <span className="muted small" data-testid="augment-preview-ms">
            {a.updated(preview.ms)}
          </span>
        </div>
      ) : (
        target.kind === 'upload' && <p className="muted small">{a.noImages}</p>
      )}
    </section>
  );
}
