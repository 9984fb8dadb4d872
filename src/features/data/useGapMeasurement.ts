import { messageOf } from '../../core/messages';
import { useEffect, useState } from 'react';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { GapReport } from '../../core/selection/domainGapMeter';
import { INPUT_SIDE } from '../../core/models/inputSpec';
import { render } from '../../i18n';
import { getEngine } from '../../platform/engine/engineClient';
import { useExperimentStore } from '../../lab/experimentStore';
import { toImageSet, useUploadStore } from '../../lab/uploads/uploadStore';
import { useZooStore } from '../../lab/zooStore';
import { useLabBusy } from '../../lab/busy';

export interface GapMeasurement {
  key: string;
  report?: GapReport;
  error?: string;
}

/**
 * The engine's domain-gap measurement for the current source and target, re-measured when they
 * change (not while training). `current` is null while the measurement for this config is pending.
 */
export function useGapMeasurement(config: ExperimentConfig) {
  const engineReady = useZooStore((s) => (s.status === 'ready' ? s.generation : 0));
  const busy = useLabBusy(['training']);
  const uploads = useUploadStore((s) => s.classes);
  const { source, target, preprocess, seed, split, bias } = config;
  const key = JSON.stringify({
    source,
    target,
    preprocess,
    seed,
    split,
    bias,
    uploads: target.kind === 'upload' ? uploads.map((c) => [c.id, c.images.length]) : null,
  });
  const [loaded, setLoaded] = useState<GapMeasurement | null>(null);
  const current = loaded?.key === key ? loaded : null;

  useEffect(() => {
    if (!engineReady || busy) return;
    if (target.kind === 'upload' && useUploadStore.getState().classes.filter((c) => c.images.length).length < 2) return;
    let live = true;
    // A short pause: knobs are often turned in a row, and each measurement embeds 400 images.
    // The images are packed only then: while a folder arrives, the key changes every few frames.
    const timer = setTimeout(() => {
      const uploaded = target.kind === 'upload' ? toImageSet(useUploadStore.getState(), INPUT_SIDE) : null;
      if (target.kind === 'upload' && (!uploaded || uploaded.classNames.length < 2)) return;
      getEngine()
        .measureGap(useExperimentStore.getState().config, uploaded)
        .then((report) => live && setLoaded({ key, report }))
        .catch((err: unknown) => live && setLoaded({ key, error: render(messageOf(err)) }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, engineReady, busy, target.kind]);

  return { busy, current };
}
