import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../core/config/experiment';
import { PRESETS } from '../core/presets';
import { makeShareText } from '../core/share/link';
import { useExperimentStore } from './experimentStore';
import { useShareStore } from './shareStore';

describe('opening links in the store', () => {
  it('1,000 mutated links never throw and never change the open experiment (unless they still decode to the very same one)', () => {
    const open = parseConfig(PRESETS.forgetting);
    const linked = parseConfig(PRESETS.shortcut);
    if (!open.ok || !linked.ok) throw new Error('presets must parse');
    const text = makeShareText(linked.config);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: text.length - 1 }).map((n) => text.slice(0, n)),
          fc
            .tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.constantFrom(...'AZaz09-_.%#&='.split('')))
            .map(([i, ch]) => text.slice(0, i) + ch + text.slice(i + 1)),
          fc
            .tuple(fc.integer({ min: 0, max: text.length }), fc.string({ minLength: 1, maxLength: 6 }))
            .map(([i, s]) => text.slice(0, i) + s + text.slice(i)),
        ),
        (mutated) => {
          useExperimentStore.setState({ config: open.config });
          useShareStore.setState({ notice: null });
          expect(useShareStore.getState().openFromHash(`#x=${encodeURIComponent(mutated)}`)).toBe(true);
          const notice = useShareStore.getState().notice!;
          const now = useExperimentStore.getState().config;
          if (notice.kind === 'refused') expect(now).toBe(open.config);
          else expect(now).toEqual(linked.config);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
