import { useRef, useState } from 'react';
import { transferReport } from '../../core/metrics/transfer';
import { lastSelection, remedyReports } from '../../core/remedies/report';
import { RemedyVerdicts } from '../../ui/RemedyVerdicts';
import { render, runName, ui } from '../../i18n';
import { curvesOf, pairsFor, studyPlan, useStudyStore } from '../../lab/studyStore';
import { useChartSettings } from '../../lab/chartSettingsStore';
import { download } from '../../platform/download';
import { ExplainLink } from '../../ui/ExplainLink';
import { useChartHeight } from '../../ui/charts/chartHeight';
import { SeedsChart } from './SeedsChart';
import { SeedsControls } from './SeedsControls';
import { SeedsFinalsTable, SeedsMetricsTable } from './SeedsTables';
import { bandRows, finalAccuracy, type Band } from './seedsStats';

const s = ui.seeds;

/** Multi-seed results: mean curves with a band for every run, the transfer metrics with CIs, and a verdict per transfer run. */
export function SeedsPanel() {
  const chartHeight = useChartHeight(240);
  const figure = useRef<HTMLElement>(null);
  const { kind, runs, status, config, total } = useStudyStore();
  const threshold = useChartSettings((st) => st.threshold);
  const [band, setBand] = useState<Band>('ci');
  const [showSeeds, setShowSeeds] = useState(false);
  const finished = runs.filter((v) => v.runs.some((r) => r.epochs.length));
  if (kind !== 'seeds' || !finished.length) return null;
  const plan = studyPlan(finished);
  const hasScratch = plan.some((r) => r.kind === 'scratch');
  // Each transfer run against the scratch baseline, over the seeds that finished both.
  const compared = plan
    .filter((r) => r.kind === 'transfer')
    .map((r) => ({ run: r, pairs: pairsFor(finished, r.id) }))
    .filter((c) => hasScratch && c.pairs.length)
    .map((c) => ({ ...c, report: transferReport(c.pairs, threshold) }));
  const single = compared.length === 1;
  const rows = bandRows(finished, plan, band);
  const finals = plan.map((r) => ({ run: r, final: finalAccuracy(curvesOf(finished, r.id)) }));
  const remedies = remedyReports(finished.map((v) => v.runs));
  const exportJson = () =>
    download(
      'transfer-lab-seeds.json',
      JSON.stringify(
        {
          app: 'transfer-lab',
          exportVersion: 2,
          kind: 'multi-seed',
          config,
          threshold,
          plan,
          seeds: runs,
          reports: compared.map((c) => ({
            runId: c.run.id,
            name: runName(c.run.name),
            report: { ...c.report, explanation: render(c.report.explanation) },
          })),
          remedies,
        },
        null,
        2,
      ),
      'application/json',
    );
  return (
    <section className="seeds" data-testid="seeds-panel" data-status={status} data-seeds={finished.length} data-runs={plan.length}>
      <div className="table-head">
        <h3>{s.title(finished.length, total)}</h3>
        <button className="button small" data-testid="export-seeds" onClick={exportJson}>
          {s.export}
        </button>
      </div>
      {compared.map((c) => (
        <p
          key={c.run.id}
          className={`verdict ${c.report.verdict}`}
          data-testid="verdict"
          data-verdict={c.report.verdict}
          data-run={c.run.id}
        >
          <span className="verdict-badge">{s.verdicts[c.report.verdict]}</span> {!single && <strong>{runName(c.run.name)}: </strong>}
          {render(c.report.explanation)} <ExplainLink topic="verdict" />
        </p>
      ))}
      <RemedyVerdicts reports={remedies} selection={lastSelection(finished.at(-1)?.runs)} />
      <SeedsControls band={band} setBand={setBand} showSeeds={showSeeds} setShowSeeds={setShowSeeds} />
      <SeedsChart figure={figure} height={chartHeight} plan={plan} finished={finished} rows={rows} band={band} showSeeds={showSeeds} />
      <SeedsFinalsTable finals={finals} />
      {compared.length > 0 && <SeedsMetricsTable compared={compared} threshold={threshold} />}
    </section>
  );
}
