import { useState } from 'react';
import { CHART } from '../../theme';
import { useShallow } from 'zustand/react/shallow';
import { locale, ui } from '../../i18n';
import { usePersistStore, type ExperimentSummary } from '../../lab/persist/persistence';

const t = ui.experiments;

/** The accuracy curve of an experiment's first run, as a tiny SVG line (0–100% high). */
function Thumbnail({ curve }: { curve: number[] }) {
  const W = 64;
  const H = 24;
  if (curve.length < 1) return <svg width={W} height={H} className="thumb-curve" aria-hidden="true" />;
  const step = curve.length > 1 ? W / (curve.length - 1) : 0;
  const points = curve.map((v, i) => `${(i * step).toFixed(1)},${(H - v * H).toFixed(1)}`).join(' ');
  return (
    <svg width={W} height={H} className="thumb-curve" role="img" aria-label={t.thumbnail(Math.round((curve.at(-1) ?? 0) * 100))}>
      <polyline
        points={curve.length > 1 ? points : `0,${H - curve[0] * H} ${W},${H - curve[0] * H}`}
        fill="none"
        stroke={CHART.sparkline}
        strokeWidth={1.5}
      />
    </svg>
  );
}

function Row({ e, current }: { e: ExperimentSummary; current: boolean }) {
  const p = usePersistStore(useShallow((s) => ({ open: s.open, rename: s.rename, duplicate: s.duplicate, remove: s.remove })));
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <li className={current ? 'current' : undefined} data-testid="experiment" data-current={current}>
      <Thumbnail curve={e.curve} />
      <div className="grow">
        {editing === null ? (
          <span data-testid="experiment-name">{e.name}</span>
        ) : (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              void p.rename(e.id, editing);
              setEditing(null);
            }}
          >
            <input
              autoFocus
              value={editing}
              maxLength={120}
              data-testid="experiment-rename-input"
              aria-label={t.rename}
              onChange={(ev) => setEditing(ev.target.value)}
              onBlur={() => setEditing(null)}
            />
          </form>
        )}
        <span className="muted small block">
          {new Date(e.updatedAt).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' })}
        </span>
      </div>
      <div className="row small">
        {!current && (
          <button className="link" data-testid="experiment-open" onClick={() => void p.open(e.id)}>
            {t.open}
          </button>
        )}
        <button
          className="link"
          data-testid="experiment-rename"
          onMouseDown={(ev) => ev.preventDefault()}
          onClick={() => setEditing(e.name)}
        >
          {t.rename}
        </button>
        <button className="link" data-testid="experiment-duplicate" onClick={() => void p.duplicate(e.id)}>
          {t.duplicate}
        </button>
        <button className="link danger" data-testid="experiment-delete" onClick={() => void p.remove(e.id)}>
          {t.delete}
        </button>
      </div>
    </li>
  );
}

/** Saved experiments (IndexedDB, this browser only): open, rename, duplicate, delete. */
export function ExperimentsPanel() {
  const p = usePersistStore(
    useShallow((s) => ({
      status: s.status,
      experiments: s.experiments,
      currentId: s.currentId,
      persisted: s.persisted,
      savedAt: s.savedAt,
      newExperiment: s.newExperiment,
    })),
  );
  return (
    <section className="panel" data-testid="experiments-panel">
      <div className="table-head">
        <h2>{t.title}</h2>
        <button
          className="button small"
          data-testid="experiment-new"
          disabled={p.status !== 'ready'}
          onClick={() => void p.newExperiment()}
        >
          {t.new}
        </button>
      </div>
      <p className="muted small" data-testid="storage-status">
        {p.status === 'unavailable' ? t.unavailable : p.persisted === false ? t.notPersisted : t.where}
        {p.savedAt && <span data-testid="saved-at"> {t.savedAt(new Date(p.savedAt).toLocaleTimeString(locale()))}</span>}
      </p>
      <ul className="experiments">
        {p.experiments.map((e) => (
          <Row key={e.id} e={e} current={e.id === p.currentId} />
        ))}
      </ul>
    </section>
  );
}
