import * as tf from '@tensorflow/tfjs';

/**
 * A model as the two files of the TF.js layers format (model.json + one weights file),
 * so scripts can write the zoo to disk without tfjs-node.
 */
export const WEIGHTS_FILE = 'weights.bin';

export async function serialiseModel(model: tf.LayersModel): Promise<{ modelJson: string; weights: Uint8Array }> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = saved! as tf.io.ModelArtifacts;
  const data = a.weightData!;
  const buffers = Array.isArray(data) ? data : [data];
  const weights = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    weights.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: a.generatedBy,
    convertedBy: null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: a.weightSpecs }],
  });
  return { modelJson, weights };
}

/** The inverse of serialiseModel: the two files back into a model (they were made by this lab, in this worker). */
export async function deserialiseModel({ modelJson, weights }: { modelJson: string; weights: Uint8Array }): Promise<tf.LayersModel> {
  const json = JSON.parse(modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const data = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData: data }),
  );
}
