import { useRef, useState } from 'react';
import { FORGETTING } from '../../theme';
import { ui } from '../../i18n';
import { useRunStore } from '../../lab/runStore';
import { ExplainLink } from '../../ui/ExplainLink';
import { ForgettingChart, WiseFtChart } from './ForgettingCharts';
import { pct } from '../../ui/charts/percent';

const f = ui.forgetting;

/**
 * The forgetting meter: source-task accuracy (original head, held-out source images) next to
 * target accuracy, per epoch; after training, the WiSE-FT slider walks from the pretrained (α = 0)
 * to the fine-tuned backbone (α = 1) and shows the trade-off between the two tasks.
 */
export function ForgettingPanel() {
  const run = useRunStore((s) => s.runs.find((r) => r.info.kind === 'transfer' && r.epochs.some((m) => m.sourceAccuracy !== null)));
  const [alpha, setAlpha] = useState(1);
  const forgetting = useRef<HTMLElement>(null);
  const wiseFigure = useRef<HTMLElement>(null);
  if (!run) return null;
  const legend = () => [
    { name: f.source, color: FORGETTING.source },
    { name: f.target, color: FORGETTING.target },
  ];
  const points = run.epochs.map((m) => ({ epoch: m.epoch, source: m.sourceAccuracy, target: m.valAccuracy }));
  const wise = run.wiseft ?? [];
  const at = wise.reduce(
    (best, p) => (Math.abs(p.alpha - alpha) < Math.abs(best.alpha - alpha) ? p : best),
    wise[0] ?? { alpha: 1, sourceAccuracy: 0, targetAccuracy: 0 },
  );
  const first = run.epochs[0]?.sourceAccuracy ?? null;
  const start = wise[0]?.sourceAccuracy ?? first;
  const last = run.epochs.at(-1)?.sourceAccuracy ?? null;
  return (
    <section className="forgetting" data-testid="forgetting-panel">
      <h3>
        {f.title} <ExplainLink topic="forgetting" />
      </h3>
      <p className="small muted">{f.hint}</p>
      {start !== null && last !== null && (
        <p className="small" data-testid="forgetting-summary">
          {f.summary(pct(start), pct(last), ((last - start) * 100).toFixed(1))}
        </p>
      )}
      <ForgettingChart points={points} figure={forgetting} legend={legend} />
      {wise.length > 0 && (
        <>
          <h4>{f.wiseTitle}</h4>
          <p className="small muted">{f.wiseHint}</p>
          <label className="field inline">
            <span>α</span>
            <input
              type="range"
              min={0}
              max={1}
              step={0.1}
              value={alpha}
              data-testid="wiseft-alpha"
              onChange={(e) => setAlpha(Number(e.target.value))}
            />
            <output data-testid="wiseft-readout">{f.readout(at.alpha, pct(at.targetAccuracy), pct(at.sourceAccuracy))}</output>
          </label>
          <WiseFtChart wise={wise} alpha={at.alpha} figure={wiseFigure} legend={legend} />
        </>
      )}
    </section>
  );
}
