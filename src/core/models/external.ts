import type * as tf from '@tensorflow/tfjs';
import { checkWeightValues, groupBytes, parseModelJson } from './manifest';
import { coded, msg, type Msg } from '../messages';
export { manifestBytes } from './manifest';

/**
 * Sources that do not come from the built-in zoo: Google's hosted MobileNets and the user's own
 * TF.js models. The files are fetched or read by the page (where the network, Cache Storage and
 * the user's File objects live) and handed over as `ModelFiles`; everything here is pure, so it
 * runs in Node tests and in the worker alike.
 */

export { HOSTED_IDS, HOSTED_MODELS, hostedModel, type HostedModel, type InputRange } from './hosted';

/** model.json (text) and the weight files by name, as chosen, dropped or downloaded. */
export interface ModelFiles {
  modelJson: string;
  weights: Record<string, ArrayBuffer>;
}

export interface AssembledModel {
  artifacts: tf.io.ModelArtifacts;
  format: 'layers' | 'graph';
  /** Not fatal, but worth telling the user (e.g. extra files that were ignored). */
  warnings: Msg[];
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Checks model.json against the weight files and packs them into artifacts TF.js can load.
 * Throws a coded error that says exactly what is wrong and what to do about it.
 */
export function assembleModelFiles(files: ModelFiles): AssembledModel {
  const json = parseModelJson(files.modelJson);
  const topology = json.modelTopology;
  const format: 'layers' | 'graph' = json.format === 'graph-model' || Array.isArray(topology.node) ? 'graph' : 'layers';
  const manifest = json.weightsManifest;

  const wanted = manifest.flatMap((g) => g.paths);
  const byName = new Map(Object.entries(files.weights).map(([name, data]) => [baseName(name), data]));
  const missing = wanted.filter((p) => !byName.has(baseName(p)));
  if (missing.length) {
    throw coded('err.model.missingWeights', missing.map(baseName), wanted.length);
  }
  const wantedNames = new Set(wanted.map(baseName));
  const extra = [...byName.keys()].filter((n) => !wantedNames.has(n));
  const warnings = extra.length ? [msg('err.ignoredFiles', extra)] : [];

  // Each manifest group's files are concatenated in order; the group must hold exactly its weights.
  const buffers: ArrayBuffer[] = [];
  for (const group of manifest) {
    const got = group.paths.reduce((n, p) => n + byName.get(baseName(p))!.byteLength, 0);
    const expected = groupBytes(group);
    // String weights' sizes are only known from their length prefixes: checkWeightValues walks them.
    if (expected.exact ? got !== expected.bytes : got < expected.bytes) {
      throw coded('err.model.weightBytes', group.paths.map(baseName), got, expected.bytes, expected.exact);
    }
    for (const p of group.paths) buffers.push(byName.get(baseName(p))!);
  }
  const weightSpecs = manifest.flatMap((g) => g.weights);
  const weightData = concatBuffers(buffers);
  checkWeightValues(weightSpecs, weightData);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: topology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: weightSpecs as tf.io.WeightsManifestEntry[],
    weightData,
    format: json.format as string | undefined,
    userDefinedMetadata: json.userDefinedMetadata as tf.io.ModelArtifacts['userDefinedMetadata'],
  };
  if (format === 'graph') Object.assign(artifacts, { signature: json.signature, modelInitializer: json.modelInitializer });
  return { artifacts, format, warnings };
}

export function concatBuffers(buffers: readonly ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let o = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out.buffer;
}

/**
 * Why a model download failed, in words a user can act on. `fetch` rejects with a bare TypeError
 * both when offline and when the server refuses cross-origin access; the browser knows which.
 */
export function describeFetchFailure(url: string, err: unknown, online: boolean): Msg {
  if (!online) return msg('err.download.offline', url);
  const detail = err instanceof Error ? err.message : String(err);
  if (/^HTTP \d+/.test(detail)) return msg('err.download.http', url, detail);
  return msg('err.download.failed', url, detail);
}
