import { useState } from 'react';
import { className, render, ui } from '../../i18n';
import { useRunStore, type RunView } from '../../lab/runStore';
import { SaliencyView } from './SaliencyView';
import { useSaliencyStore } from '../../lab/saliencyStore';
import { ConfusionFigure } from './ConfusionFigure';
import { MisclassifiedFigure } from './MisclassifiedFigure';
import { Control } from '../../ui/Control';

const r = ui.results;

/** Beyond this many classes the matrix would be unreadable (and 10⁶ cells at the 1,000-class cap). */
const CONFUSION_MAX_CLASSES = 24;

/**
 * The classes to draw: all of them when they fit, else the `limit` with the most errors (missed
 * or wrongly predicted), in class order, so the matrix shows where the model struggles.
 */
export function mostConfused(confusion: readonly (readonly number[])[], limit: number): number[] {
  const n = confusion.length;
  if (n <= limit) return Array.from({ length: n }, (_, i) => i);
  const errors = new Array<number>(n).fill(0);
  confusion.forEach((row, a) =>
    row.forEach((v, p) => {
      if (a === p) return;
      errors[a] += v;
      errors[p] += v;
    }),
  );
  return Array.from({ length: n }, (_, i) => i)
    .sort((x, y) => errors[y] - errors[x] || x - y)
    .slice(0, limit)
    .sort((x, y) => x - y);
}

function Diagnostics({ runs }: { runs: RunView[] }) {
  const withResult = runs.filter((run) => run.result);
  const [selected, setSelected] = useState<string | null>(null);
  const valImages = useRunStore((s) => s.valImages);
  const openSaliency = useSaliencyStore((s) => s.open);
  const run = withResult.find((x) => x.info.id === selected) ?? withResult[0];
  if (!run?.result) return null;
  const { confusion, perClassAccuracy, misclassified } = run.result;
  const classNames = run.result.classNames.map(className);
  const shown = mostConfused(confusion, CONFUSION_MAX_CLASSES);
  return (
    <div className="diagnostics" data-testid="diagnostics">
      <div className="tabs" role="tablist">
        {withResult.map((x) => (
          <button key={x.info.id} role="tab" aria-selected={x === run} onClick={() => setSelected(x.info.id)}>
            {render(x.info.name)}
          </button>
        ))}
      </div>
      <div className="diag-grid">
        <ConfusionFigure confusion={confusion} perClassAccuracy={perClassAccuracy} classNames={classNames} shown={shown} />
        <MisclassifiedFigure misclassified={misclassified} valImages={valImages} classNames={classNames} openSaliency={openSaliency} />
      </div>
      <SaliencyView classNames={classNames} />
    </div>
  );
}

/** The finished runs' confusion, mistakes and saliency: part of the Look inside view. */
export function DiagnosticsPanel() {
  const runs = useRunStore((s) => s.runs);
  if (!runs.some((run) => run.result)) return null;
  return (
    <Control id="results-details">
      <section className="panel" data-testid="diagnostics-panel">
        <h2>{r.diagnosticsTitle}</h2>
        <Diagnostics runs={runs} />
      </section>
    </Control>
  );
}
