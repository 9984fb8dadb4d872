import { planRuns } from './train/plan';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config/experiment';
import { ZooIndexSchema } from './models/card';
import { PRESET_FLOW, PRESETS, PRESET_IDS } from './presets';
import { publicFolderFetch } from './testing/nodeFetch';

describe('lecture presets', () => {
  it('every preset is a valid config over several seeds, naming a zoo model and a built-in target', async () => {
    const zoo = ZooIndexSchema.parse(JSON.parse(new TextDecoder().decode(await publicFolderFetch('models/index.json'))));
    const ids = new Set(zoo.models.map((m) => m.id));
    for (const id of PRESET_IDS) {
      const parsed = parseConfig(PRESETS[id]);
      expect(parsed.ok, id).toBe(true);
      if (!parsed.ok) continue;
      const source = parsed.config.source;
      expect(source.kind).toBe('zoo');
      expect(source.kind === 'zoo' && ids.has(source.id), `${id}: source ${JSON.stringify(source)}`).toBe(true);
      expect(parsed.config.target.kind).toBe('builtin');
      expect(parsed.config.seeds).toBeGreaterThanOrEqual(3);
      // A seeds study compares with scratch — or, a remedy comparison ("fix it"), remedies with plain
      // transfer; model selection compares sources with each other.
      const remedyComparison = parsed.config.remedies.compare;
      expect(parsed.config.scratchBaseline).toBe(PRESET_FLOW[id] === 'seeds' && !remedyComparison);
      if (remedyComparison) expect(planRuns(parsed.config).filter((r) => r.remedy).length).toBeGreaterThanOrEqual(1);
    }
  });
});
