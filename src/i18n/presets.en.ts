import type { PresetId } from '../core/presets';
import type { ExplainTopic } from './explain.en';

/** Lecture-preset narratives: what to watch, why it happens, what would fix it. Plain language. */
export const presetsEn: { title: string; intro: string; run: string; items: Record<PresetId, { title: string; watch: string; why: string; fix: string; topics: ExplainTopic[] }> } = {
  title: 'Lecture presets',
  intro: 'One click sets up and runs a complete experiment over five seeds, with a verdict.',
  run: 'Run preset',
  items: {
    positive: {
      title: 'Positive transfer',
      watch: 'The blue transfer curve starts far above the orange scratch curve and stays ahead: a large jumpstart and a higher final accuracy, with a confidence band that does not overlap.',
      why: 'Digits 5–9 are drawn with the same strokes, loops and corners as digits 0–4. The source network already detects them, so with ten images per class the transfer run only has to learn how to combine them.',
      fix: 'Nothing to fix — but watch the gap shrink as you give scratch more data (try the few-shot sweep).',
      topics: ['transfer', 'homogeneous', 'jumpstart', 'ntg'],
    },
    'domain-gap': {
      title: 'Domain gap: digits → Fashion-MNIST',
      watch: 'Whether a digit-trained network helps with clothing at all: compare the jumpstart and the final gap, and their confidence intervals.',
      why: 'Low-level features (edges, blobs) are shared between domains; higher-level ones are not. How much carries over is an empirical question — the verdict says what it was here.',
      fix: 'Fine-tune more blocks, lower the learning rate of the backbone, or choose a closer source.',
      topics: ['homogeneous', 'negative', 'ntg', 'verdict'],
    },
    forgetting: {
      title: 'Catastrophic forgetting',
      watch: 'The forgetting meter: the purple source-task curve (the digit model’s own head, on digits it never trained on) collapses from about 97% while the blue clothing curve rises. After training, drag the WiSE-FT slider from 1 back towards 0 and watch the two tasks trade places.',
      why: 'Full fine-tuning at a high learning rate reshapes every layer for clothing. The old head still expects the old features, which are gone: knowledge the target never asked for is overwritten, not kept.',
      fix: 'Set L2-SP α to 20 and run again: the backbone is pulled back towards the pretrained weights every step and the source task survives, at a small cost in clothing accuracy. Freezing more blocks or a smaller backbone learning rate help too; LwF (λ = 2) works well at a gentler learning rate (0.003), but at this one Adam’s first steps break the old head before distillation can hold it.',
      topics: ['forgetting', 'transfer'],
    },
  },
};
