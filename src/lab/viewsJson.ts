import type { FeatureMapReport } from '../core/projection/featureMaps';
import type { SaliencyReport } from '../workers/engine/api';

/**
 * The numbers under the feature-space maps and the saliency view, for the results JSON and the
 * maps' own export: what a picture shows, plottable again elsewhere.
 */
export function featureMapsJson(report: FeatureMapReport) {
  return {
    method: report.method,
    classNames: report.images.classNames,
    labels: Array.from(report.images.labels),
    isValidation: Array.from(report.isVal, (v) => v === 1),
    panels: report.panels.map((p) => ({
      id: p.id,
      kind: p.kind,
      runName: p.runName,
      source: p.source,
      dims: p.dims,
      knnAccuracy: p.knn,
      explainedVariance: p.explained,
      coords: Array.from({ length: p.coords.length / 2 }, (_, i) => [p.coords[i * 2]!, p.coords[i * 2 + 1]!]),
    })),
  };
}

/** Averages a side × side map down to `to` × `to` (the JSON carries maps at reduced size). */
export function reduceMap(map: Float32Array, to: number): number[][] {
  const side = Math.round(Math.sqrt(map.length));
  const f = side / to;
  return Array.from({ length: to }, (_, y) =>
    Array.from({ length: to }, (_, x) => {
      let s = 0;
      let n = 0;
      for (let yy = Math.floor(y * f); yy < Math.floor((y + 1) * f); yy++)
        for (let xx = Math.floor(x * f); xx < Math.floor((x + 1) * f); xx++) {
          s += map[yy * side + xx]!;
          n++;
        }
      return n ? Math.round((s / n) * 1e4) / 1e4 : 0;
    }),
  );
}

export const SALIENCY_JSON_SIDE = 16;

export function saliencyJson(report: SaliencyReport) {
  return {
    validationIndex: report.valIndex,
    trueLabel: report.trueLabel,
    runs: report.runs.map((r) =>
      'maps' in r
        ? {
            runId: r.runId,
            predicted: r.maps.predicted,
            probability: r.maps.probability,
            gradcamAtBlock: reduceMap(r.maps.camRaw, r.maps.camSide),
            gradcam: reduceMap(r.maps.gradcam, SALIENCY_JSON_SIDE),
            inputGradient: reduceMap(r.maps.inputGradient, SALIENCY_JSON_SIDE),
          }
        : { runId: r.runId, unavailable: r.unavailable },
    ),
  };
}
