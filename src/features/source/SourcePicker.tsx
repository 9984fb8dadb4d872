import { useEffect } from 'react';
import { catalog, className, render, ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { useZooStore } from '../../lab/zooStore';
import { ExternalSources } from './ExternalSources';
import { useLabBusy, TRAINING } from '../../lab/busy';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The built-in zoo as cards; the selected one shows its full card. */
export function SourcePicker() {
  const { models, status, error, load } = useZooStore();
  const source = useExperimentStore((s) => s.config.source);
  const selected = source.kind === 'zoo' ? source.id : null;
  const setSource = useExperimentStore((s) => s.setSource);
  // The source cannot change under a running experiment or study (its later seeds would differ).
  const busy = useLabBusy(TRAINING);
  useEffect(() => {
    void load();
  }, [load]);

  const card = models.find((m) => m.id === selected)?.card;
  return (
    <section className="panel" data-testid="source-panel">
      <h2>{ui.source.title}</h2>
      {status === 'loading' && <p className="muted">{ui.source.loading}</p>}
      {status === 'error' && (
        <p className="error" role="alert">
          {ui.source.loadFailed(error ? render(error) : '')}
        </p>
      )}
      <h3 className="subhead">{ui.source.zoo}</h3>
      <div className="zoo-grid" role="radiogroup" aria-label={ui.source.zoo}>
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
            <strong>{catalog('zoo', id, 'name', c.name)}</strong>
            <span className="muted small">{catalog('zoo', id, 'sourceDomain', c.sourceDomain)}</span>
            <span className="facts">
              <span data-testid="card-classes">{ui.source.classes(c.classNames.length)}</span>
              <span data-testid="card-accuracy" title={ui.source.accuracy}>
                {pct(c.sourceTestAccuracy)}
              </span>
              <span data-testid="card-params">{ui.source.params(c.parameters)}</span>
            </span>
          </button>
        ))}
      </div>
      {card && (
        <div className="card-details" data-testid="source-details">
          <p>{catalog('zoo', card.id, 'description', card.description)}</p>
          <dl>
            <dt>{ui.source.trainedOn}</dt>
            <dd>{ui.source.trainedOnValue(card.trainImages, card.classNames.map(className))}</dd>
            <dt>{ui.source.accuracy}</dt>
            <dd>{ui.source.accuracyValue(pct(card.sourceTestAccuracy), card.testImages)}</dd>
            <dt>{ui.source.recipe}</dt>
            <dd>{ui.source.recipeValue(card.recipe)}</dd>
            <dt>{ui.source.size}</dt>
            <dd>
              {ui.source.params(card.parameters)} · {ui.source.macs(card.multiplyAdds)} · {ui.source.blocks(card.blocks)}
            </dd>
          </dl>
        </div>
      )}
      <ExternalSources />
    </section>
  );
}
