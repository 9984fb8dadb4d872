import { useEffect, useState } from 'react';
import { msg } from '../../core/messages';
import { CHART } from '../../theme';
import type { RunView } from '../../lab/runStore';
import { useZooStore } from '../../lab/zooStore';
import { SERIES, SeriesChart, UNIT, type Row, type Span } from './SeriesChart';

/** Two runs of made-up numbers, so the warm-up below takes every path a real drawing takes. */
const WARMUP_RUNS: RunView[] = (['transfer', 'scratch'] as const).map((kind) => ({
  info: { id: kind, name: msg('msg.detail', kind), kind, description: [] },
  color: CHART.warmupRun,
  visible: true,
  status: 'done',
  epochs: [],
  batches: [],
}));
const WARMUP_SPAN: Span = [1, 3];
/** How long after the lab became usable the warm-up may start (at the next idle moment). */
const AFTER_USABLE_MS = 1500;
const WARMUP_ROWS: Row[] = [1, 2, 3].map((x) => ({
  x,
  transfer_val: 1 / x,
  transfer_train: 0.9 / x,
  scratch_val: 2 / x,
  scratch_train: 1.8 / x,
}));

/**
 * Draws a chart once, hidden, when the page first goes idle, then unmounts.
 * A curve's first drawing runs React's and recharts' cold code (compiled lazily on first call):
 * on a fresh page it cost a 55–90 ms task at the first run's first epoch on the 2-core CI machine,
 * where later runs had none. Paid at idle instead (one task of ~150–350 ms there, before any run);
 * it makes that first-epoch task rarer, not impossible.
 */
export function ChartWarmup() {
  const [phase, setPhase] = useState<'waiting' | 'drawing' | 'done'>('waiting');
  // Not before the lab is usable: an idle moment while the zoo's index downloads is not idle for the user.
  const usable = useZooStore((s) => s.status === 'ready');
  useEffect(() => {
    if (phase === 'waiting' && usable && typeof requestIdleCallback === 'function') {
      // A moment after the lab became usable, not at its first idle instant: a person's first tap
      // on Train comes then, and must not wait behind this drawing.
      let id = 0;
      const timer = setTimeout(() => (id = requestIdleCallback(() => setPhase('drawing'))), AFTER_USABLE_MS);
      return () => {
        clearTimeout(timer);
        cancelIdleCallback(id);
      };
    }
    if (phase === 'drawing') {
      // Long enough for the container's size pass and recharts' effect passes to run.
      const timer = setTimeout(() => setPhase('done'), 1000);
      return () => clearTimeout(timer);
    }
  }, [phase, usable]);
  if (phase !== 'drawing') return null;
  return (
    <div className="chart-warmup" aria-hidden="true">
      <SeriesChart
        runs={WARMUP_RUNS}
        data={WARMUP_ROWS}
        series={SERIES}
        y={UNIT}
        xSpan={WARMUP_SPAN}
        testId="chart-warmup"
        title=""
        smoothed={false}
      />
    </div>
  );
}
