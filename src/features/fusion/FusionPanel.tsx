import { className } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { ExplainLink } from '../../ui/ExplainLink';
import { FusionConfusionTable } from './FusionConfusionTable';
import { FusionExports } from './FusionExports';
import { FusionNotices } from './FusionNotices';
import { FusionReportTable } from './FusionReportTable';
import { FusionStudy } from './FusionStudy';
import { KeptRuns } from './KeptRuns';
import { t, type FusionMethod } from './fusionFormat';
import { useFusionView } from './useFusionView';

const BLEND_CHOICES = [0, 0.1, 0.2, 0.25, 0.3, 0.4] as const;

/** Choose finished runs and combine them: voting and stacking, each against the best member. */
export function FusionPanel() {
  const blendFraction = useExperimentStore((s) => s.config.split.blendFraction ?? 0);
  const setBlendFraction = useExperimentStore((s) => s.setBlendFraction);
  const splitSeed = useExperimentStore((s) => s.config.split.seed);
  const seed = useExperimentStore((s) => s.config.seed);
  const setSplitSeed = useExperimentStore((s) => s.setSplitSeed);
  const { f, nameOf, memberName, names, matrixRow, matrix, setMatrixOf } = useFusionView();
  const report = f.report;
  const classNames = f.classNames;

  return (
    <section className="panel" data-testid="fusion-panel">
      <h2>
        {t.title} <ExplainLink topic="fusion" />
      </h2>
      <p className="muted small">{t.intro}</p>
      <label className="field inline" title={t.blendHint}>
        <span>{t.blend}</span>
        <select data-testid="blend-fraction" value={blendFraction} onChange={(e) => setBlendFraction(Number(e.target.value))}>
          {BLEND_CHOICES.map((x) => (
            <option key={x} value={x}>
              {x === 0 ? t.blendOff : `${Math.round(x * 100)}%`}
            </option>
          ))}
        </select>
      </label>
      <label className="check" title={t.fixSplitHint}>
        <input
          type="checkbox"
          data-testid="fix-split"
          checked={splitSeed !== undefined}
          onChange={(e) => setSplitSeed(e.target.checked ? seed : null)}
        />
        {splitSeed !== undefined ? t.fixedSplit(splitSeed) : t.fixSplit}
      </label>
      {f.kept.length === 0 ? (
        <p className="muted small" data-testid="fusion-empty">
          {t.none}
        </p>
      ) : (
        <KeptRuns f={f} nameOf={nameOf} />
      )}
      <FusionNotices f={f} nameOf={nameOf} />
      {report && <FusionReportTable report={report} matrixRow={matrixRow} setMatrixOf={setMatrixOf} memberName={memberName} />}
      {report && matrix && (
        <figure data-testid="fusion-confusion">
          <figcaption className="small">
            {t.matrixOf(matrixRow in report.methods ? t.methods[matrixRow as FusionMethod] : memberName(matrixRow))}
          </figcaption>
          <FusionConfusionTable matrix={matrix} classNames={classNames.map(className)} />
        </figure>
      )}
      {report && <FusionExports report={report} names={names} classNames={classNames} study={f.study} />}
      {f.study.length > 0 && <FusionStudy study={f.study} />}
      <p className="muted small">
        {t.soupsNote} <ExplainLink topic="soups" />
      </p>
    </section>
  );
}
