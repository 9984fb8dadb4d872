import type { FeatureMapReport, MapMethod } from '../../core/projection/featureMaps';
import { ui } from '../../i18n';
import { download } from '../../platform/download';
import { mapsJson, mapsPng } from './exportMaps';

const m = ui.maps;

/** The projection method, the draw button, and the exports once a report exists. */
export function MapControls({
  method,
  setMethod,
  drawDisabled,
  onDraw,
  report,
}: {
  method: MapMethod;
  setMethod: (method: MapMethod) => void;
  drawDisabled: boolean;
  onDraw: () => void;
  report: FeatureMapReport | null;
}) {
  return (
    <div className="fields inline">
      <label className="field">
        <span>{m.method}</span>
        <select value={method} data-testid="map-method" onChange={(e) => setMethod(e.target.value as MapMethod)}>
          {(Object.keys(m.methods) as MapMethod[]).map((k) => (
            <option key={k} value={k}>
              {m.methods[k]}
            </option>
          ))}
        </select>
      </label>
      <button className="button" data-testid="draw-maps" disabled={drawDisabled} onClick={onDraw}>
        {m.draw}
      </button>
      {report && (
        <>
          <button
            className="button small"
            data-testid="export-maps-png"
            onClick={() => void mapsPng(report).then((png) => download('transfer-lab-feature-maps.png', png, 'image/png'))}
          >
            {m.exportPng}
          </button>
          <button
            className="button small"
            data-testid="export-maps-json"
            onClick={() => download('transfer-lab-feature-maps.json', JSON.stringify(mapsJson(report)), 'application/json')}
          >
            {m.exportJson}
          </button>
        </>
      )}
    </div>
  );
}
