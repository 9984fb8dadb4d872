import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../backends/wasmTraining';

// Node has no WebGL. Core tests run on wasm — what the lab trains on without a GPU, and ~10×
// faster than the cpu backend — with the one training kernel the lab adds to it. Tests that
// compare backends switch to cpu themselves.
registerWasmTrainingKernels();
await tf.setBackend('wasm');
await tf.ready();
