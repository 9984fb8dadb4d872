/**
 * The exported project's Python files. They live as real .py files (./files) so editors, linters
 * (pyflakes.test.ts) and reviewers read them as Python; Vite's `?raw`, which Vitest shares, inlines
 * each one's text in the bundle, and the zip gets it unchanged. They hold no lab values: those
 * reach Python through experiment.json and config.json.
 */
import augment from './files/augment.py?raw';
import check from './files/check.py?raw';
import data from './files/data.py?raw';
import labrng from './files/labrng.py?raw';
import model from './files/model.py?raw';
import train from './files/train.py?raw';

/** File name → text, in the order the project has always listed them (the zip's bytes follow it). */
export const PYTHON_FILES: Readonly<Record<string, string>> = {
  'train.py': train,
  'model.py': model,
  'data.py': data,
  'augment.py': augment,
  'labrng.py': labrng,
  'check.py': check,
};
