import { useState } from 'react';
import { PRESET_FLOW, PRESET_SOURCES, PRESETS, PRESET_IDS, type PresetId } from '../../core/presets';
import { presetsEn as p } from '../../i18n/presets.en';
import { explainEn } from '../../i18n/explain.en';
import { useExperimentStore } from '../../state/experimentStore';
import { useRunStore } from '../../state/runStore';
import { useStudyStore } from '../../state/studyStore';
import { useFusionStore } from '../../state/fusionStore';
import { useSelectionStore } from '../../state/selectionStore';
import { useZooStore } from '../../state/zooStore';

/** Lecture presets: pick one, read what to watch, run it over its seeds in one click. */
export function PresetsPanel() {
  const [selected, setSelected] = useState<PresetId | null>(null);
  const setConfig = useExperimentStore((s) => s.setConfig);
  const busy = useRunStore((s) => s.phase === 'running' || s.phase === 'paused');
  const studying = useStudyStore((s) => s.status === 'running');
  const selecting = useSelectionStore((s) => s.status === 'scoring' || s.status === 'checking');
  const run = async (id: PresetId) => {
    setSelected(id);
    setConfig(PRESETS[id]);
    useStudyStore.getState().clear();
    if (PRESET_FLOW[id] === 'seeds') return void useStudyStore.getState().run('seeds', PRESETS[id], null);
    if (PRESET_FLOW[id] === 'fusion') {
      // Its sources side by side over the seeds; each seed's runs are fused as soon as it ends.
      useFusionStore.getState().clearStudy();
      const config = PRESETS[id];
      return void useStudyStore.getState().run('seeds', config, null, PRESET_SOURCES[id], (i) => useFusionStore.getState().fuseLatest(config.seed + i));
    }
    // Model selection: rank its candidates (the whole zoo if it names none), then check the ranking by fine-tuning every one.
    const sel = useSelectionStore.getState();
    await sel.score(PRESETS[id], null, PRESET_SOURCES[id] ?? useZooStore.getState().models.map((m) => ({ kind: 'zoo' as const, id: m.id })));
    if (useSelectionStore.getState().status === 'scored') await useSelectionStore.getState().fineTuneAll(PRESETS[id], null);
  };
  const item = selected && p.items[selected];
  return (
    <section className="panel" data-testid="presets-panel">
      <h2>{p.title}</h2>
      <p className="muted small">{p.intro}</p>
      <div className="preset-list">
        {PRESET_IDS.map((id) => (
          <button key={id} className={`button small${id === selected ? ' primary' : ''}`} data-testid={`preset-${id}`} disabled={busy || studying || selecting} onClick={() => void run(id)}>
            {p.items[id].title}
          </button>
        ))}
      </div>
      {item && (
        <dl className="narrative" data-testid="preset-narrative">
          <dt>What to watch</dt>
          <dd>{item.watch}</dd>
          <dt>Why it happens</dt>
          <dd>{item.why}</dd>
          <dt>What would fix it</dt>
          <dd>{item.fix}</dd>
          <dt>Learn more</dt>
          <dd className="explain-links">
            {item.topics.map((t) => (
              <a key={t} href={`#explain-${t}`} data-testid={`preset-topic-${t}`}>
                {explainEn.topics[t].title}
              </a>
            ))}
          </dd>
        </dl>
      )}
    </section>
  );
}
