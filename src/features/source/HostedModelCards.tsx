import type { Source } from '../../core/config/experiment';
import { HOSTED_MODELS } from '../../core/models/hosted';
import { catalog, ui } from '../../i18n';
import type { ExternalSource } from '../../lab/sourceStore';
import { Status } from './SourceStatus';

const t = ui.source;

interface Props {
  sources: Record<string, ExternalSource>;
  cached: Record<string, boolean>;
  source: Source;
  loadHosted: (id: string) => Promise<void>;
  cancel: (key: string) => void;
}

/** The hosted models as radio cards (download size, offline copy), each with its loading status. */
export function HostedModelCards({ sources, cached, source, loadHosted, cancel }: Props) {
  return (
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
  );
}
