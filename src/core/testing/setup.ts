import * as tf from '@tensorflow/tfjs';

// Node has no WebGL: every core test runs on the deterministic cpu backend.
await tf.setBackend('cpu');
await tf.ready();
