import type { PresetId } from '../core/presets';
import { PRESET_SPREAD } from '../core/presetSpread';
import { tPresets as p } from '../i18n';

/** A preset's story — what to watch, why it happens, what would fix it, and how it varied over its calibrated seeds — as terms of a <dl>. */
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
      <dt>{p.spreadTitle}</dt>
      <dd data-testid="preset-spread">{p.spread(PRESET_SPREAD[preset])}</dd>
    </>
  );
}
