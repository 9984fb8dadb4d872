import { ui } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { GapReportView } from './GapReportView';
import { useGapMeasurement } from './useGapMeasurement';

const g = ui.gap;

/**
 * The domain-gap meter: measured by the engine whenever source or target change (not while
 * training), with the one-click preprocessing that closes the kind of gap it found.
 */
export function DomainGapMeter() {
  const config = useExperimentStore((s) => s.config);
  const setPreprocess = useExperimentStore((s) => s.setPreprocess);
  const { busy, current } = useGapMeasurement(config);
  const { source, preprocess } = config;

  const report = current?.report;
  const gap = report?.gap;
  return (
    <div className={`gap-meter${gap ? ` ${gap.level}` : ''}`} data-testid="gap-meter">
      <h3>{g.title}</h3>
      <p className="muted small">{g.hint}</p>
      {current?.error && (
        <p className="error small" role="alert">
          {g.failed(current.error)}
        </p>
      )}
      {!current && <p className="muted small">{g.measuring}</p>}
      {report && !gap && <p className="small">{g.noSource}</p>}
      {report && gap && <GapReportView report={report} gap={gap} />}
      <fieldset className="fields gap-fixes" disabled={busy}>
        <legend className="small">{g.fixes}</legend>
        <label className="check" title={g.invertTitle}>
          <input
            type="checkbox"
            data-testid="preprocess-invert"
            checked={preprocess.invert}
            onChange={(e) => setPreprocess({ invert: e.target.checked })}
          />
          {g.invert}
        </label>
        <label className="check" title={source.kind === 'custom' ? g.normaliseUnavailable : g.normaliseTitle}>
          <input
            type="checkbox"
            data-testid="preprocess-normalise"
            checked={preprocess.normalise}
            disabled={source.kind === 'custom'}
            onChange={(e) => setPreprocess({ normalise: e.target.checked })}
          />
          {g.normalise}
        </label>
      </fieldset>
    </div>
  );
}
