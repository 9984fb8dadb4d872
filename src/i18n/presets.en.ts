import type { PresetId } from '../core/presets';

/** Lecture-preset narratives: what to watch, why it happens, what would fix it. Plain language. */
export const presetsEn: { title: string; intro: string; run: string; items: Record<PresetId, { title: string; watch: string; why: string; fix: string }> } = {
  title: 'Lecture presets',
  intro: 'One click sets up and runs a complete experiment over five seeds, with a verdict.',
  run: 'Run preset',
  items: {
    positive: {
      title: 'Positive transfer',
      watch: 'The blue transfer curve starts far above the orange scratch curve and stays ahead: a large jumpstart and a higher final accuracy, with a confidence band that does not overlap.',
      why: 'Digits 5–9 are drawn with the same strokes, loops and corners as digits 0–4. The source network already detects them, so with ten images per class the transfer run only has to learn how to combine them.',
      fix: 'Nothing to fix — but watch the gap shrink as you give scratch more data (try the few-shot sweep).',
    },
    'domain-gap': {
      title: 'Domain gap: digits → Fashion-MNIST',
      watch: 'Whether a digit-trained network helps with clothing at all: compare the jumpstart and the final gap, and their confidence intervals.',
      why: 'Low-level features (edges, blobs) are shared between domains; higher-level ones are not. How much carries over is an empirical question — the verdict says what it was here.',
      fix: 'Fine-tune more blocks, lower the learning rate of the backbone, or choose a closer source.',
    },
  },
};
