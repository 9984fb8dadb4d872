import type { Source } from '../../core/config/experiment';
import { HOSTED_MODELS } from '../../core/models/hosted';
import { useSourceStore } from '../../lab/sourceStore';
import { useZooStore } from '../../lab/zooStore';

/** Every source the lab can score now: the zoo, and whichever external models are loaded. */
export function useCandidates(): Source[] {
  const zoo = useZooStore((s) => s.models);
  const sources = useSourceStore((s) => s.sources);
  const out: Source[] = zoo.map((m) => ({ kind: 'zoo', id: m.id }));
  for (const m of HOSTED_MODELS) if (sources[m.id]?.loaded) out.push({ kind: 'hosted', id: m.id });
  const custom = sources.custom?.loaded;
  if (custom) out.push({ kind: 'custom', name: custom.name });
  return out;
}

export function useSourceName(): (s: Source) => string {
  const zoo = useZooStore((s) => s.models);
  return (s) =>
    s.kind === 'zoo'
      ? (zoo.find((m) => m.id === s.id)?.card.name ?? s.id)
      : s.kind === 'hosted'
        ? (HOSTED_MODELS.find((m) => m.id === s.id)?.name ?? s.id)
        : s.name;
}
