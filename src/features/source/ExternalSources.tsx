import { useEffect, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { catalog, render, ui } from '../../i18n';
import { HOSTED_MODELS } from '../../core/models/hosted';
import { useExperimentStore } from '../../state/experimentStore';
import { useSourceStore, type ExternalSource } from '../../state/sourceStore';
import type { ModelInfo } from '../../core/models/source';
import { ProgressBar } from '../../ui/ProgressBar';
import { getEngine } from '../../state/engineClient';
import { uploadedFor } from '../../state/uploads/uploadStore';
import { messageOf, type Msg } from '../../core/messages';

const t = ui.source;

function Status({ source, testId, onCancel }: { source: ExternalSource | undefined; testId: string; onCancel: () => void }) {
  if (!source) return null;
  if (source.status === 'downloading') {
    const { done, total } = source.progress;
    return (
      <div className="row">
        <ProgressBar done={done} total={total} etaMs={null} label={t.downloadingLabel(done, total)} testId={`${testId}-progress`} />
        <button className="button small" data-testid={`${testId}-cancel`} onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    );
  }
  if (source.status === 'checking') return <span className="small muted">{t.checking}</span>;
  if (source.status === 'error') {
    return (
      <p className="error small" role="alert" data-testid={`${testId}-error`}>
        {source.error && render(source.error)}
      </p>
    );
  }
  if (source.cacheError) {
    return (
      <p className="warn small" role="status" data-testid={`${testId}-cache-error`}>
        {t.cacheFailed(render(source.cacheError))}
      </p>
    );
  }
  return null;
}

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
            <button className="link danger" aria-label={t.removeLabel(m.url)} data-testid="stored-remove" onClick={() => void removeCached(m.url)}>
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

/** Hosted MobileNets as cards, and loading the user's own model from a URL or files. */
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
      <button className="button small" data-testid="custom-as-is" disabled={result === 'busy'} title={t.asIsHint} onClick={() => void check()}>
        {t.asIs}
      </button>{' '}
      {result && result !== 'busy' && ('code' in result ? <span className="error">{render(result)}</span> : <span data-testid="custom-as-is-result" data-accuracy={result.accuracy}>{t.asIsValue(`${(result.accuracy * 100).toFixed(1)}%`, result.total)}</span>)}
    </p>
  );
}

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
  const details = selected?.loaded && <ModelDetails info={selected.loaded.info} cut={source.kind !== 'zoo' ? source.cut : undefined} onCut={onCut} />;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void loadCustomFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <>
      <h3 className="subhead">{t.hosted}</h3>
      <p className="small muted">{t.hostedHint}</p>
      <div className="zoo-grid" role="radiogroup" aria-label={t.hosted}>
        {HOSTED_MODELS.map((m) => {
          const s = sources[m.id];
          const isSelected = source.kind === 'hosted' && source.id === m.id;
          return (
            <div key={m.id} className="hosted-cell">
              <button
                role="radio"
                aria-checked={isSelected}
                className={`zoo-card${isSelected ? ' selected' : ''}`}
                data-testid={`hosted-card-${m.id}`}
                onClick={() => void loadHosted(m.id)}
              >
                <strong>{catalog('hosted', m.id, 'name', m.name)}</strong>
                <span className="muted small">{catalog('hosted', m.id, 'description', m.description)}</span>
                <span className="facts">
                  <span>{t.download(m.megabytes)}</span>
                  {cached[m.id] && <span data-testid="cached-badge">{t.cachedBadge}</span>}
                </span>
              </button>
              <Status source={s} testId={`hosted-${m.id}`} onCancel={() => cancel(m.id)} />
            </div>
          );
        })}
      </div>

      {source.kind === 'hosted' && details}

      <h3 className="subhead">{t.custom}</h3>
      <p className="small muted">{t.customHint}</p>
      {/* noValidate: our message for a bad address is more specific than the browser's bubble. */}
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void loadCustomUrl(url);
        }}
      >
        <input type="url" placeholder="https://…/model.json" aria-label={t.customUrl} data-testid="custom-url" value={url} onChange={(e) => setUrl(e.target.value)} />
        <button className="button small" type="submit" disabled={!url.trim()}>
          {t.load}
        </button>
      </form>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        data-testid="model-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label className="button small">
          {t.chooseFiles}
          <input
            type="file"
            hidden
            multiple
            accept=".json,.bin,.zip,application/json,application/octet-stream,application/zip"
            data-testid="model-files-input"
            onChange={(e) => {
              void loadCustomFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </label>{' '}
        <span className="small muted">{t.dropModel}</span>
      </div>
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
