import { messageOf } from '../../core/messages';
import { useEffect, useState } from 'react';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { ImageSet } from '../../core/data/imageSet';
import { INPUT_SIDE } from '../../core/models/inputSpec';
import { render } from '../../i18n';
import { getEngine } from '../../platform/engine/engineClient';
import { useExperimentStore } from '../../lab/experimentStore';
import { toImageSet, useUploadStore, type UploadClass } from '../../lab/uploads/uploadStore';
import { useZooStore } from '../../lab/zooStore';

export const PREVIEW_IMAGES = 4;
export const PREVIEW_DRAWS = 5;

export interface AugmentPreviewResult {
  set: ImageSet;
  ms: number;
  version: number;
  kind: string;
}

/** The first image of up to `n` classes of the user's own images: the preview rows. */
function uploadSample(classes: readonly UploadClass[], n: number): ImageSet | null {
  const picked = classes
    .filter((c) => c.images.length)
    .slice(0, n)
    .map((c) => ({ ...c, images: c.images.slice(0, 1) }));
  return picked.length ? toImageSet({ classes: picked }, INPUT_SIDE) : null;
}

/** The engine's augmentation preview for the current config, asked for again on every reshuffle. */
export function useAugmentPreview(config: ExperimentConfig) {
  // The generation changes when a dead worker is replaced: previews are asked for again.
  const engineReady = useZooStore((s) => (s.status === 'ready' ? s.generation : 0));
  const uploadClasses = useUploadStore((s) => s.classes);
  // The preview rows are the first image of the first classes: adding images elsewhere must not
  // ask the engine for a new preview (an upload of 900 images would ask 900 times).
  const sampleKey = uploadClasses
    .filter((c) => c.images.length)
    .slice(0, PREVIEW_IMAGES)
    .map((c) => c.images[0].id)
    .join();
  const [shuffle, setShuffle] = useState(0);
  const [latest, setPreview] = useState<AugmentPreviewResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { augmentations, target, seed, split, bias } = config;

  useEffect(() => {
    if (!engineReady) return;
    const sample = target.kind === 'upload' ? uploadSample(useUploadStore.getState().classes, PREVIEW_IMAGES) : null;
    if (target.kind === 'upload' && !sample) return;
    let live = true;
    const started = performance.now();
    getEngine()
      .previewAugment(
        { ...useExperimentStore.getState().config, augmentations, target, seed, split, bias },
        PREVIEW_IMAGES,
        PREVIEW_DRAWS,
        shuffle,
        sample,
      )
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

  // A preview of built-in images must not linger once the user switches to their own (none yet).
  const hasImages = target.kind !== 'upload' || uploadClasses.some((c) => c.images.length);
  const preview = latest && latest.kind === target.kind && hasImages ? latest : null;
  const reshuffle = () => setShuffle((n) => n + 1);
  return { preview, error, reshuffle };
}
