import type { PresetId } from '../core/presets';
import { tPresets as p } from '../i18n';

/** A preset's story — what to watch, why it happens, what would fix it — as terms of a <dl>. */
export function NarrativeTerms({ preset }: { preset: PresetId }) {
  const item = p.items[preset];
  return (
    <>
      <dt>{p.watch}</dt>
      <dd>{item.watch}</dd>
      <dt>{p.why}</dt>
      <dd>{item.why}</dd>
      <dt>{p.fix}</dt>
      <dd>{item.fix}</dd>
    </>
  );
}
