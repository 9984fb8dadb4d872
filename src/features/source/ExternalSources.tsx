import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { render, ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { useSourceStore } from '../../lab/sourceStore';
import type { ModelInfo } from '../../core/models/source';
import { getEngine } from '../../platform/engine/engineClient';
import { uploadedFor } from '../../lab/uploads/uploadStore';
import { messageOf, type Msg } from '../../core/messages';
import { CustomModelInputs } from './CustomModelInputs';
import { HostedModelCards } from './HostedModelCards';
import { Status } from './SourceStatus';

const t = ui.source;

/** What Cache Storage holds, each removable: offline copies are the user's disk, not ours. */
function StoredModels() {
  const { cacheList, removeCached } = useSourceStore(useShallow((s) => ({ cacheList: s.cacheList, removeCached: s.removeCached })));
  if (!cacheList.length) return null;
  return (
    <details className="stored-models" data-testid="stored-models">
      <summary>
        {t.stored} ({cacheList.length})
      </summary>
      <p className="small muted">{t.storedHint}</p>
      <ul>
        {cacheList.map((m) => (
          <li key={m.url} data-testid="stored-model">
            <span className="small">{m.url}</span> <span className="muted small">{t.megabytes(m.bytes)}</span>{' '}
            <button
              className="link danger"
              aria-label={t.removeLabel(m.url)}
              data-testid="stored-remove"
              onClick={() => void removeCached(m.url)}
            >
              {t.remove}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What was loaded: format, input, parameters, cut point (selectable) and the scratch baseline. */
function ModelDetails({ info, cut, onCut }: { info: ModelInfo; cut: string | undefined; onCut: (cut: string) => void }) {
  const current = info.cuts.find((c) => c.name === (cut ?? info.defaultCut));
  return (
    <div className="card-details" data-testid="external-details">
      <dl>
        <dt>{t.format}</dt>
        <dd>{t.formatValue(info.format)}</dd>
        <dt>{t.input}</dt>
        <dd data-testid="external-input">{t.inputValue(info.side, info.channels, info.range)}</dd>
        <dt>{t.size}</dt>
        <dd>{t.parameters(info.parameters)}</dd>
        <dt>{t.cut}</dt>
        <dd>
          {info.featureModel ? (
            <span data-testid="cut-output">{t.frozenOutput(info.featureModel, info.embeddingSize)}</span>
          ) : info.format === 'layers' ? (
            <>
              <select data-testid="cut-select" value={current?.name} onChange={(e) => onCut(e.target.value)}>
                {info.cuts.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} ({c.shape.join('×')})
                  </option>
                ))}
              </select>{' '}
              <span className="small muted" data-testid="cut-output">
                {current && t.cutOutput(current.shape)}
              </span>
            </>
          ) : (
            <span data-testid="cut-output">{t.graphOutput(info.embeddingSize)}</span>
          )}
        </dd>
        {info.labels && (
          <>
            <dt>{t.labels}</dt>
            <dd data-testid="external-labels">{t.labelsValue(info.labels)}</dd>
          </>
        )}
        <dt>{t.baseline}</dt>
        <dd className="small">{t.baselineValue}</dd>
      </dl>
      {info.warnings.map((w) => (
        <p key={w.code} className="small muted">
          {render(w)}
        </p>
      ))}
    </div>
  );
}

/**
 * Your model as it is, on the target's validation images: no cut, no training. The check that an
 * exported model still does what it did, or that a model of yours already solves the target.
 */
function AsIsCheck() {
  const [result, setResult] = useState<{ accuracy: number; total: number } | Msg | 'busy' | null>(null);
  const check = async () => {
    setResult('busy');
    const { config } = useExperimentStore.getState();
    try {
      setResult(await getEngine().evaluateAsIs('custom', config, uploadedFor(config)));
    } catch (err) {
      setResult(messageOf(err));
    }
  };
  return (
    <p className="small">
      <button
        className="button small"
        data-testid="custom-as-is"
        disabled={result === 'busy'}
        title={t.asIsHint}
        onClick={() => void check()}
      >
        {t.asIs}
      </button>{' '}
      {result &&
        result !== 'busy' &&
        ('code' in result ? (
          <span className="error">{render(result)}</span>
        ) : (
          <span data-testid="custom-as-is-result" data-accuracy={result.accuracy}>
            {t.asIsValue(`${(result.accuracy * 100).toFixed(1)}%`, result.total)}
          </span>
        ))}
    </p>
  );
}

/** Hosted MobileNets as cards, and loading the user's own model from a URL or files. */
export function ExternalSources() {
  const { sources, cached, checkCached, loadHosted, loadCustomUrl, loadCustomFiles, cancel, customSource } = useSourceStore();
  const source = useExperimentStore((s) => s.config.source);
  const setSource = useExperimentStore((s) => s.setSource);
  const [url, setUrl] = useState('');
  const [over, setOver] = useState(false);
  useEffect(() => {
    void checkCached();
  }, [checkCached]);

  const selectedKey = source.kind === 'hosted' ? source.id : source.kind === 'custom' ? 'custom' : null;
  const selected = selectedKey ? sources[selectedKey] : undefined;
  const onCut = (cut: string) => source.kind !== 'zoo' && setSource({ ...source, cut });
  // Shown under the section the selected model came from.
  const details = selected?.loaded && (
    <ModelDetails info={selected.loaded.info} cut={source.kind !== 'zoo' ? source.cut : undefined} onCut={onCut} />
  );

  return (
    <>
      <h3 className="subhead">{t.hosted}</h3>
      <p className="small muted">{t.hostedHint}</p>
      <HostedModelCards sources={sources} cached={cached} source={source} loadHosted={loadHosted} cancel={cancel} />

      {source.kind === 'hosted' && details}

      <h3 className="subhead">{t.custom}</h3>
      <p className="small muted">{t.customHint}</p>
      <CustomModelInputs
        url={url}
        setUrl={setUrl}
        over={over}
        setOver={setOver}
        loadCustomUrl={loadCustomUrl}
        loadCustomFiles={loadCustomFiles}
      />
      <Status source={sources.custom} testId="custom" onCancel={() => cancel('custom')} />
      {source.kind !== 'custom' && customSource && sources.custom?.loaded && (
        <p className="small">
          <button className="button small" data-testid="custom-use" onClick={() => setSource(customSource)}>
            {t.useLoaded(customSource.name)}
          </button>
        </p>
      )}
      {source.kind === 'custom' && sources.custom?.loaded && (
        <p className="small" data-testid="custom-loaded">
          {sources.custom.loaded.name}
        </p>
      )}
      {source.kind === 'custom' && sources.custom?.loaded && <AsIsCheck />}
      {source.kind === 'custom' && details}
      <StoredModels />
    </>
  );
}
