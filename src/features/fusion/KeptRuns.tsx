import type { FusionView } from './useFusionView';
import { pct, t } from './fusionFormat';

/** The kept runs to choose from, and what to do with the chosen: fuse, make a soup, or discard. */
export function KeptRuns({ f, nameOf }: Pick<FusionView, 'f' | 'nameOf'>) {
  return (
    <>
      <ul className="kept-runs" data-testid="kept-runs">
        {f.kept.map((r) => (
          <li key={r.key}>
            <label>
              <input type="checkbox" data-testid="kept-run" checked={f.selected.includes(r.key)} onChange={() => f.toggle(r.key)} />
              <span className="swatch" style={{ background: r.info.color }} /> {nameOf(r.key)}{' '}
              <span className="muted small">· {pct(r.valAccuracy)}</span>
            </label>
          </li>
        ))}
      </ul>
      <div className="row">
        <button className="button" data-testid="fuse" disabled={f.busy || f.selected.length < 2} onClick={() => void f.combine()}>
          {t.combine}
        </button>
        <button
          className="button"
          data-testid="soup-uniform"
          disabled={f.busy || !f.selected.length}
          onClick={() => void f.makeSoup('uniform')}
        >
          {t.soupUniform}
        </button>
        <button
          className="button"
          data-testid="soup-greedy"
          disabled={f.busy || f.selected.length < 2}
          onClick={() => void f.makeSoup('greedy')}
        >
          {t.soupGreedy}
        </button>
        <button className="button small" disabled={!f.selected.length} onClick={() => void f.discard()}>
          {t.discard}
        </button>
      </div>
    </>
  );
}
