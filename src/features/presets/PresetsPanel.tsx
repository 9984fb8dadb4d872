import { useState } from 'react';
import { PRESET_IDS, type PresetId } from '../../core/presets';
import { tExplain, tPresets as p } from '../../i18n';
import { runPreset } from '../../lab/presetRunner';
import { NarrativeTerms } from '../../ui/NarrativeTerms';
import { useLabBusy, ENGINE_WORK } from '../../lab/busy';

/** Lecture presets: pick one, read what to watch, run it over its seeds in one click. */
export function PresetsPanel() {
  const [selected, setSelected] = useState<PresetId | null>(null);
  // A preset waits for whatever holds the engine (the same check lecture mode's steps make).
  const busy = useLabBusy(ENGINE_WORK);
  const run = (id: PresetId) => {
    setSelected(id);
    void runPreset(id);
  };
  const item = selected && p.items[selected];
  return (
    <section className="panel" data-testid="presets-panel">
      <h2>{p.title}</h2>
      <p className="muted small">{p.intro}</p>
      <div className="preset-list">
        {PRESET_IDS.map((id) => (
          <button
            key={id}
            className={`button small${id === selected ? ' primary' : ''}`}
            data-testid={`preset-${id}`}
            disabled={busy}
            onClick={() => run(id)}
          >
            {p.items[id].title}
          </button>
        ))}
      </div>
      {item && (
        <dl className="narrative" data-testid="preset-narrative">
          <NarrativeTerms preset={selected!} />
          <dt>{p.learnMore}</dt>
          <dd className="explain-links">
            {item.topics.map((t) => (
              <a key={t} href={`#explain-${t}`} data-testid={`preset-topic-${t}`}>
                {tExplain.topics[t].title}
              </a>
            ))}
          </dd>
        </dl>
      )}
    </section>
  );
}
