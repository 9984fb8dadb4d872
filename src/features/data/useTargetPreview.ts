import { messageOf } from '../../core/messages';
import { useEffect, useState } from 'react';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { TargetPreview } from '../../workers/engine/api';
import { render } from '../../i18n';
import { getEngine } from '../../platform/engine/engineClient';
import { useExperimentStore } from '../../lab/experimentStore';
import { useZooStore } from '../../lab/zooStore';

/** The engine's preview of a built-in target (a few images per class and the seeded split counts). */
export function useTargetPreview(config: ExperimentConfig) {
  // The generation changes when a dead worker is replaced: previews are asked for again.
  const engineReady = useZooStore((s) => (s.status === 'ready' ? s.generation : 0));
  // Keyed by what picked the images, so a stale preview is never shown for a new target.
  const [loaded, setLoaded] = useState<{ key: string; preview?: TargetPreview; error?: string } | null>(null);
  // The preview depends only on what picks and biases the images — not on hyper-parameters; on the source only when normalising.
  const { target, seed, split, bias, preprocess } = config;
  const key = JSON.stringify({ target, seed, split, bias, preprocess, source: preprocess.normalise ? config.source : null });
  useEffect(() => {
    if (target.kind !== 'builtin' || !engineReady) return;
    let live = true;
    getEngine()
      .previewTarget(useExperimentStore.getState().config, 6)
      .then((preview) => live && setLoaded({ key, preview }))
      .catch((err: unknown) => live && setLoaded({ key, error: render(messageOf(err)) }));
    return () => {
      live = false;
    };
  }, [key, engineReady, target.kind]);

  const current = loaded?.key === key ? loaded : null;
  return { preview: current?.preview, previewError: current?.error };
}
