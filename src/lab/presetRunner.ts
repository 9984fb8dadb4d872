import { PRESET_FLOW, PRESET_SOURCES, PRESETS, type PresetId } from '../core/presets';
import { studySeeds } from '../core/config/keys';
import { useExperimentStore } from './experimentStore';
import { useStudyStore } from './studyStore';
import { useFusionStore } from './fusionStore';
import { useSelectionStore } from './selectionStore';
import { useZooStore } from './zooStore';
import { useViewStore } from './viewStore';
import { labBusy as busy, ENGINE_WORK } from './busy';

/** Is anything training or scoring (a preset must wait)? */
export const labBusy = (): boolean => busy(ENGINE_WORK);

/** Sets the preset's config. Shared by the presets panel and lecture mode's steps. */
export function loadPreset(id: PresetId): void {
  useExperimentStore.getState().setConfig(PRESETS[id]);
  useStudyStore.getState().clear();
  useViewStore.getState().showPreset(id);
}

/** Sets up and runs a preset the way it is meant to be shown: over its seeds, fused, or ranked then checked. */
export async function runPreset(id: PresetId): Promise<void> {
  loadPreset(id);
  const config = PRESETS[id];
  if (PRESET_FLOW[id] === 'seeds') return useStudyStore.getState().run('seeds', config, null);
  if (PRESET_FLOW[id] === 'fusion') {
    // Its sources side by side over the seeds; each seed's runs are fused as soon as it ends.
    useFusionStore.getState().clearStudy();
    return useStudyStore
      .getState()
      .run('seeds', config, null, PRESET_SOURCES[id], (i) => useFusionStore.getState().fuseLatest(studySeeds(config)[i]));
  }
  // Model selection: rank its candidates (the whole zoo if it names none), then check the ranking by fine-tuning every one.
  const sel = useSelectionStore.getState();
  await sel.score(config, null, PRESET_SOURCES[id] ?? useZooStore.getState().models.map((m) => ({ kind: 'zoo' as const, id: m.id })));
  if (useSelectionStore.getState().status === 'scored') await useSelectionStore.getState().fineTuneAll(config, null);
}
