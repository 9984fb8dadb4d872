import { ui } from '../../i18n';
import type { Band } from './seedsStats';

const s = ui.seeds;

/** The seeds chart's band (95% CI or min–max) and whether each seed's own curve is drawn too. */
export function SeedsControls({
  band,
  setBand,
  showSeeds,
  setShowSeeds,
}: {
  band: Band;
  setBand: (band: Band) => void;
  showSeeds: boolean;
  setShowSeeds: (show: boolean) => void;
}) {
  return (
    <div className="chart-controls">
      <div className="segmented" role="group" aria-label={s.band}>
        {(['ci', 'minmax'] as const).map((b) => (
          <button key={b} aria-pressed={band === b} data-testid={`band-${b}`} onClick={() => setBand(b)}>
            {s.bands[b]}
          </button>
        ))}
      </div>
      <label className="check">
        <input type="checkbox" checked={showSeeds} data-testid="show-seeds" onChange={(e) => setShowSeeds(e.target.checked)} />
        {s.showSeeds}
      </label>
    </div>
  );
}
