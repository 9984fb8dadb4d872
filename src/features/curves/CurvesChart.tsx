import { lazy, startTransition, Suspense, useEffect, useState } from 'react';
import { useRunStore, type RunView } from '../../lab/runStore';
import { chartsDrawn } from '../../platform/drawSync';
import { useChartHeight } from '../../ui/charts/chartHeight';
import { lazyRetry, retryImport } from '../../platform/retryImport';

// recharts arrives after the page is usable (CurveCharts.tsx says why); one chunk for all four.
const curveCharts = () => retryImport(() => import('./CurveCharts'));
const AccuracyChart = lazy(() => curveCharts().then((m) => ({ default: m.AccuracyChart })));
const LossChart = lazy(() => curveCharts().then((m) => ({ default: m.LossChart })));
const BatchChart = lazy(() => curveCharts().then((m) => ({ default: m.BatchChart })));
const ChartWarmup = lazyRetry(() => import('./ChartWarmup').then((m) => ({ default: m.ChartWarmup })));

/**
 * Hands `value` to n consumers one task at a time. Under training load a recharts redraw costs tens
 * of milliseconds; three charts redrawn in one task would block input for their sum, one per task
 * keeps every task short. The first consumer gets the value at once.
 */
function useStaggered<T>(value: T, n: number): (T | undefined)[] {
  const [shown, setShown] = useState<(T | undefined)[]>([]);
  useEffect(() => {
    const i = Array.from({ length: n }, (_, k) => k).find((k) => shown[k] !== value);
    if (i === undefined) {
      chartsDrawn();
      return;
    }
    const timer = setTimeout(() => startTransition(() => setShown((s) => Object.assign([...s], { [i]: value }))), 0);
    return () => clearTimeout(timer);
  }, [value, shown, n]);
  return shown;
}

/** A chart's frame while its first drawing waits for its turn. */
const Pending = ({ testId }: { testId: string }) => {
  // As tall as the chart it stands for (lecture mode's too), so the layout does not jump when it draws.
  const height = useChartHeight(220);
  return <figure className="chart pending" data-testid={`${testId}-pending`} style={{ height }} />;
};

/** Accuracy and loss, train (dashed) and validation (solid), every run overlaid; plus per-batch loss. */
export function CurvesChart({ runs }: { runs: RunView[] }) {
  const budget = useRunStore((s) => s.budget);
  const staggered = useStaggered(runs, 3);
  // Nothing to draw yet: frames only (the panel says what will appear). recharts' code arrives and
  // compiles off the way to a usable lab — the warm-up below, or the first run's curves.
  const [acc, loss, batch] = runs.length > 0 ? staggered : [];
  return (
    <div className="charts">
      <Suspense fallback={<Pending testId="chart-accuracy" />}>
        {acc ? <AccuracyChart runs={acc} budget={budget} /> : <Pending testId="chart-accuracy" />}
      </Suspense>
      <Suspense fallback={<Pending testId="chart-loss" />}>
        {loss ? <LossChart runs={loss} budget={budget} /> : <Pending testId="chart-loss" />}
      </Suspense>
      <Suspense fallback={<Pending testId="chart-batch-loss" />}>
        {batch ? <BatchChart runs={batch} budget={budget} /> : <Pending testId="chart-batch-loss" />}
      </Suspense>
      <Suspense fallback={null}>
        <ChartWarmup />
      </Suspense>
    </div>
  );
}
