/** Browser half of `npm run pretrain`: trains one zoo entry on WebGL and hands back the artifacts. */
import * as tf from '@tensorflow/tfjs';
import { DatasetStore } from '../../src/core/data/datasetRef';
import { ZOO } from '../../src/core/models/zoo';
import { pretrain } from '../../src/core/train/pretrain';
import { serialiseModel } from '../../src/core/models/artifacts';

const store = new DatasetStore(async (path) => {
  const res = await fetch(`/${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.arrayBuffer();
});

async function pretrainModel(id: string) {
  await tf.setBackend('webgl');
  await tf.ready();
  const entry = ZOO.find((e) => e.id === id);
  if (!entry) throw new Error(`No zoo entry ${id}`);
  const { model, card } = await pretrain(entry, store, (p) => console.log(JSON.stringify(p)));
  const files = await serialiseModel(model);
  model.dispose();
  return { card, modelJson: files.modelJson, weights: Array.from(files.weights) };
}

Object.assign(window, { pretrainModel, backend: () => tf.getBackend() });
