import { useEffect } from 'react';
import { en } from '../../i18n/en';
import { useExperimentStore } from '../../state/experimentStore';
import { useZooStore } from '../../state/zooStore';
import { useRunStore } from '../../state/runStore';
import { useStudyStore } from '../../state/studyStore';
import { ExternalSources } from './ExternalSources';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The built-in zoo as cards; the selected one shows its full card. */
export function SourcePicker() {
  const { models, status, error, load } = useZooStore();
  const source = useExperimentStore((s) => s.config.source);
  const selected = source.kind === 'zoo' ? source.id : null;
  const setSource = useExperimentStore((s) => s.setSource);
  // The source cannot change under a running experiment or study (its later seeds would differ).
  const running = useRunStore((s) => s.phase === 'running' || s.phase === 'paused');
  const studying = useStudyStore((s) => s.status === 'running');
  const busy = running || studying;
  useEffect(() => {
    void load();
  }, [load]);

  const card = models.find((m) => m.id === selected)?.card;
  return (
    <section className="panel" data-testid="source-panel">
      <h2>{en.source.title}</h2>
      {status === 'loading' && <p className="muted">{en.source.loading}</p>}
      {status === 'error' && <p className="error" role="alert">{en.source.loadFailed(error ?? '')}</p>}
      <h3 className="subhead">{en.source.zoo}</h3>
      <div className="zoo-grid" role="radiogroup" aria-label={en.source.zoo}>
        {models.map(({ id, card: c }) => (
          <button
            key={id}
            role="radio"
            aria-checked={id === selected}
            className={`zoo-card${id === selected ? ' selected' : ''}`}
            data-testid={`zoo-card-${id}`}
            disabled={busy && id !== selected}
            onClick={() => setSource({ kind: 'zoo', id })}
          >
            <strong>{c.name}</strong>
            <span className="muted small">{c.sourceDomain}</span>
            <span className="facts">
              <span data-testid="card-classes">{en.source.classes(c.classNames.length)}</span>
              <span data-testid="card-accuracy" title={en.source.accuracy}>
                {pct(c.sourceTestAccuracy)}
              </span>
              <span data-testid="card-params">{en.source.params(c.parameters)}</span>
            </span>
          </button>
        ))}
      </div>
      {card && (
        <div className="card-details" data-testid="source-details">
          <p>{card.description}</p>
          <dl>
            <dt>{en.source.trainedOn}</dt>
            <dd>
              {en.source.trainedOnValue(card.trainImages, card.classNames)}
            </dd>
            <dt>{en.source.accuracy}</dt>
            <dd>
              {en.source.accuracyValue(pct(card.sourceTestAccuracy), card.testImages)}
            </dd>
            <dt>{en.source.recipe}</dt>
            <dd>
              {en.source.recipeValue(card.recipe)}
            </dd>
            <dt>{en.source.size}</dt>
            <dd>
              {en.source.params(card.parameters)} · {en.source.macs(card.multiplyAdds)} · blocks {card.blocks.join(', ')}
            </dd>
          </dl>
        </div>
      )}
      <ExternalSources />
    </section>
  );
}
