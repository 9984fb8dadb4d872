import type { FusionView } from './useFusionView';
import { pct, t } from './fusionFormat';

/** Why a fusion or soup was refused (with the override where one is allowed), or the soup's result. */
export function FusionNotices({ f, nameOf }: Pick<FusionView, 'f' | 'nameOf'>) {
  return (
    <>
      {f.refusal && (
        <p className="warn small" role="alert" data-testid="fusion-refusal">
          {t.refusals[f.refusal]}
        </p>
      )}
      {f.soup && !f.soup.ok && (
        <p className="warn small" role="alert" data-testid="soup-refusal">
          {t.soupRefusals[f.soup.refusal.reason](
            nameOf('a' in f.soup.refusal ? f.soup.refusal.a : ''),
            nameOf('b' in f.soup.refusal ? f.soup.refusal.b : ''),
          )}{' '}
          {f.soup.refusal.reason === 'different-origin' && (
            <button className="button small" data-testid="soup-force" onClick={() => void f.makeSoup('uniform', true)}>
              {t.soupForce}
            </button>
          )}
        </p>
      )}
      {f.soup?.ok && (
        <p className="small" data-testid="soup-result">
          {t.soupResult(f.soup.mode, f.soup.ingredients.length, pct(f.soup.valAccuracy), pct(f.soup.blendAccuracy))}
          {f.soup.mode === 'greedy' && <span className="muted"> · {f.soup.ingredients.map(nameOf).join(' + ')}</span>}
          {f.soup.forced && <span className="warn block">{t.soupForced}</span>}
        </p>
      )}
    </>
  );
}
