import { strToU8, zipSync } from 'fflate';
import { getEngine } from '../../platform/engine/engineClient';

/**
 * A run's trained model as a zip of TF.js layers files (model.json + weights.bin): what
 * tf.loadLayersModel reads once unzipped, and what the lab itself loads back as "your own model".
 */
export async function trainedModelZip(runId: string): Promise<Uint8Array<ArrayBuffer> | 'not-trained' | 'external-source'> {
  const got = await getEngine().exportModel(runId);
  if ('unavailable' in got) return got.unavailable;
  return zipSync(
    { 'model.json': strToU8(got.modelJson), 'weights.bin': got.weights },
    { level: 6, mtime: new Date(2024, 0, 1) },
  ) as Uint8Array<ArrayBuffer>;
}
