import type { PresetId } from '../core/presets';
import type { PresetSpread } from '../core/presetSpread';
import type { ExplainTopic } from './explain.en';

/** Percentage points with their sign: +12.3, −3.3. */
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x * 100).toFixed(1)}`;
const points = (x: number) => (x * 100).toFixed(1);

/** A preset's headline effect over every seed it was calibrated on (measured by npm run calibrate). */
function spreadEn(s: PresetSpread): string {
  const what = {
    asymptoticGain: `transfer’s final validation accuracy minus scratch’s ranged from ${signed(s.min)} to ${signed(s.max)} points`,
    ntg: `scratch’s final validation accuracy minus transfer’s (the NTG) ranged from ${signed(s.min)} to ${signed(s.max)} points`,
    plainLoss: `plain fine-tuning lost ${points(s.min)} to ${points(s.max)} points of source accuracy`,
    'tau:logme': `LogME’s Kendall τ with the ranking after fine-tuning ranged from ${s.min.toFixed(2)} to ${s.max.toFixed(2)}`,
    'gain:stacking': `stacking beat the best member by ${signed(s.min)} to ${signed(s.max)} points`,
    'gain:smallLoss': `small-loss selection’s clean validation accuracy minus plain transfer’s ranged from ${signed(s.min)} to ${signed(s.max)} points`,
    'gain:resample': `re-sampling’s balanced accuracy minus plain transfer’s ranged from ${signed(s.min)} to ${signed(s.max)} points`,
  }[s.metric];
  return `Calibrated on ${s.seeds} seeds in ${s.sets} independent sets: ${what}. Each seed tells the story a little differently; this is the range, not one number.`;
}

/** Lecture-preset narratives: what to watch, why it happens, what would fix it. Plain language. */
export const presetsEn: {
  title: string;
  intro: string;
  run: string;
  watch: string;
  why: string;
  fix: string;
  learnMore: string;
  /** The headline effect's range over every calibrated seed (src/core/presetSpread.ts, generated). */
  spreadTitle: string;
  spread: (s: PresetSpread) => string;
  items: Record<PresetId, { title: string; watch: string; why: string; fix: string; topics: ExplainTopic[] }>;
} = {
  title: 'Lecture presets',
  intro: 'One click sets up and runs a complete experiment over five seeds, with a verdict.',
  run: 'Run preset',
  watch: 'What to watch',
  why: 'Why it happens',
  fix: 'What would fix it',
  learnMore: 'Learn more',
  spreadTitle: 'Range across seeds',
  spread: spreadEn,
  items: {
    positive: {
      title: 'Positive transfer',
      watch:
        'After the very first epoch the blue transfer curve is already above the orange scratch curve (the jumpstart: how far varies from seed to seed, so read its mean over the five seeds), and it stays ahead through this short budget: the confidence interval of the final gap stays clear of zero.',
      why: 'Digits 5–9 are drawn with the same strokes, loops and corners as digits 0–4. The source network already detects them, so with twenty images per class the transfer run only has to learn how to combine them, while scratch must first learn what a stroke is.',
      fix: 'Nothing to fix — but raise the epochs to 8 and run again: scratch closes most of the gap, on some seeds all of it (transfer is no longer clearly ahead). Transfer’s biggest win is early and when data is scarce; the few-shot sweep shows the same with data instead of time.',
      topics: ['transfer', 'homogeneous', 'jumpstart', 'ntg'],
    },
    'few-shot': {
      title: 'Few-shot: five images per class',
      watch:
        'Scratch, with five images of each shape, stays near chance (one in six); the transfer run, a linear probe on the frozen shapes network, climbs well above it. Open the per-seed lines: every seed tells the same story.',
      why: 'Thirty images cannot teach a network from scratch what an outline is — there are far more weights than examples. The source network learned outlines from 8,000 shapes in random colours; with those features fixed, the new head only has to draw six boundaries, and five examples per class are enough to place them.',
      fix: 'Nothing to fix: this is where transfer shines. Raise the images per class (the few-shot sweep under the target does it in one click) and watch scratch catch up as data stops being the bottleneck.',
      topics: ['transfer', 'bias', 'jumpstart', 'ntg'],
    },
    shortcut: {
      title: 'Negative transfer: a colour shortcut',
      watch:
        'The orange scratch curve climbs past 90% within a few epochs; the blue transfer curve, a linear probe on the frozen shortcut network, stalls below 50%. The verdict turns negative, with a confidence interval far above zero.',
      why: 'The source network was trained on shapes whose colour gave the class away, so it learned to read colour and skipped outlines — a shortcut. These grey shapes have no colour cue: only outline tells them apart, and the frozen features hardly encode it. Knowledge that does not fit the target is worse than none.',
      fix: 'Choose the "Shapes (random colours)" source and run again: its colours carried no information, so it had to learn outlines, and the same frozen probe matches scratch (about 99%). Fine-tuning the backbone lets the network learn what it skipped. The root cause is the source data: break the spurious cue before pretraining.',
      topics: ['negative', 'shortcut', 'ntg', 'verdict'],
    },
    background: {
      title: 'Negative transfer: a background shortcut',
      watch:
        'Scratch climbs to about 92% while the transfer run, a linear probe on the frozen background-shortcut network, stays near 46% (chance is 25%). Then click a misclassified shape: the transfer model’s input-gradient map lights up the background around the shape, the scratch model’s the shape and its outline (calibrated: 72% of the transfer map lies on the background against 61% of scratch’s).',
      why: 'In the source data every circle sat on a plain background, every square on stripes, every triangle on noise and every cross on checks. The background is large and easy to see, so the network learned to name the background and never needed the shape. Here the backgrounds are drawn at random: the cue the frozen features encode says nothing about the class, and what they say about outline is too little.',
      fix: 'Pretrain on data where the background varies within each class (as the "Shapes (random colours)" source saw one plain background for all), or fine-tune the backbone so it can learn the shape it skipped. With your own photos: if every photo of one class was taken in the same place, the model may be learning the place — the saliency view shows which.',
      topics: ['negative', 'shortcut', 'ntg', 'verdict'],
    },
    mismatch: {
      title: 'Negative transfer: a mismatched domain',
      watch:
        'Same grey shapes, same frozen probe, a clothing source this time: transfer ends around 70% while scratch reaches about 98%. No shortcut was involved — the features are honest, just about the wrong things.',
      why: 'A network trained on clothing learned what separates shirts from shoes: fabric texture, silhouettes, the bright mass of a garment. The corners and straight edges that separate a square from a triangle were never needed, so the frozen features describe them poorly. When source and target domains are far apart, frozen features can make the target harder than learning it from scratch.',
      fix: 'Pick a source from a closer domain ("Shapes (random colours)" matches scratch here), or unfreeze the top blocks so the network can adapt its features. With plenty of target data, as here, scratch is a strong baseline: transfer pays off most when target data is scarce.',
      topics: ['negative', 'homogeneous', 'ntg', 'verdict'],
    },
    'domain-gap': {
      title: 'Domain gap: digits → Fashion-MNIST',
      watch:
        'Whether a digit-trained network helps with clothing at all: compare the jumpstart and the final gap, and their confidence intervals. The budget is short (4 epochs), so a head start still counts at the end; raise the epochs to 8 and see scratch catch up until the verdict turns inconclusive.',
      why: 'Low-level features (edges, blobs) are shared between domains; higher-level ones are not. How much carries over is an empirical question, and its answer varies with the seeds: the verdict says what it was here, and Range across seeds below gives it over every calibrated seed.',
      fix: 'Fine-tune more blocks, lower the learning rate of the backbone, or choose a closer source.',
      topics: ['homogeneous', 'negative', 'ntg', 'verdict'],
    },
    forgetting: {
      title: 'Catastrophic forgetting',
      watch:
        'The forgetting meter: the purple source-task curve (the digit model’s own head, on digits it never trained on) collapses from about 97% while the blue clothing curve rises. After training, drag the WiSE-FT slider from 1 back towards 0 and watch the two tasks trade places.',
      why: 'Full fine-tuning at a high learning rate reshapes every layer for clothing. The old head still expects the old features, which are gone: knowledge the target never asked for is overwritten, not kept.',
      fix: 'Set L2-SP α to 20 and run again: the backbone is pulled back towards the pretrained weights every step and the source task survives, at a small cost in clothing accuracy. Freezing more blocks or a smaller backbone learning rate help too; LwF (λ = 2) works well at a gentler learning rate (0.003), but at this one Adam’s first steps break the old head before distillation can hold it.',
      topics: ['forgetting', 'transfer'],
    },
    'model-selection': {
      title: 'Model selection: which source?',
      watch:
        'The model-selection table fills in first: four scores for each of the five zoo sources, computed in well under a second each, before any training. Then every source is fine-tuned (a frozen probe) over five seeds and the real accuracies appear, with each score’s Kendall τ: how well it predicted the real order.',
      why: 'A score looks at how the frozen features of your training images are arranged: whether the classes form separate clusters (k-NN, H-score), how well a simple linear model explains the labels (LogME), or how well the source’s own classifier already maps onto your classes (LEEP). Features that separate the target classes before training usually separate them best after a short probe, too.',
      fix: 'Trust a score as far as its τ goes. Here every score puts the outline-trained shapes network first and the colour-shortcut one last on every seed; the three in the middle are close, and the scores may swap them (calibrated over five seeds: mean τ about 0.85 for k-NN, H-score and LogME, 0.65 for LEEP). Fine-tuning is noisier than it looks: on one seed in five the short probe of the best source stalls at 75%, below the digits network — the scores, read before training, did not waver. When the choice is close, fine-tune the top two or three candidates over several seeds instead of trusting one number.',
      topics: ['selection', 'logme', 'leep', 'knn'],
    },
    fusion: {
      title: 'Model fusion: several sources together',
      watch:
        'Four zoo models, frozen, each probed on digits 5–9 over five seeds; a quarter of the training images is held back as the blend split. The seeds chart shows four curves, all well short of what the digits-0–4 network managed when fine-tuned. Then, after each seed, the fusion lab combines the four: watch the “across seeds” table — stacking beats the best single source by several points on every seed, while plain averaging does not.',
      why: 'Each frozen backbone describes the digits in its own terms: strokes, fabric-like textures, outlines. Each probe makes its own mistakes, and a stacker fitted on the blend split learns whom to trust for which digit, or that one model’s answer for one digit usually means another. Uniform soft voting trusts every member equally, so the weak colour-shortcut probe pulls the average down; weights fitted on the blend split only bring it level with the best member. Calibrated over five seeds: stacking +8.9 points over the best member (95% CI 3.2 to 14.5), ahead on every seed; soft voting −0.3 (CI −7.8 to 7.2).',
      fix: 'Fuse models whose mistakes differ, and fit whatever combines them on held-out training images (the blend split), never on validation. If one member is far better than the rest, uniform averaging is worse than using that member alone; fitted weights or stacking are safer. And compare honestly: the “best member” here is the one that did best on validation, a generous baseline.',
      topics: ['fusion', 'stacking', 'voting', 'soups'],
    },
    'noise-fix': {
      title: 'Fix it: label noise',
      watch:
        'Four in ten training labels are wrong (the Data bias histogram shows them). Two runs train side by side on the same batches: plain transfer, and transfer with small-loss selection. Watch plain transfer’s validation curve peak and then sag as it starts to fit the wrong labels, while small-loss selection holds on; the remedy’s verdict under the chart gives its gain on clean validation accuracy, with its 95% confidence interval over five seeds, and how cleanly it picked its samples.',
      why: 'Cross-entropy punishes a confident answer that disagrees with the label without limit, so every mislabelled image keeps pulling the network towards memorising it. Small-loss selection trains each batch only on the samples it finds easiest — mostly the correctly labelled ones, as its precision and recall against the flipped labels show. GCE, another remedy, bounds the pull instead: a label the network finds implausible costs at most 1/q.',
      fix: 'Here the remedy is the fix. Try the others under Remedies: switch on GCE beside it and run again — it often helps as much, but on some seeds its gentle gradients leave the run stuck at chance (open the per-seed lines). Label smoothing helps far less against noise this heavy; at 20% noise every gap narrows. Cleaning the labels is better still, when you can.',
      topics: ['remedies', 'small-loss', 'gce', 'bias'],
    },
    'imbalance-fix': {
      title: 'Fix it: class imbalance',
      watch:
        'The training split is a long tail: the first digit keeps twenty times as many images as the last (Data bias shows the counts). Validation stays balanced, and the table gains a Balanced acc. column: plain transfer does well on the common digits and poorly on the rare ones. Beside it, class-balanced re-sampling, class-balanced loss weights and logit adjustment; the verdicts compare each with plain transfer on balanced accuracy, over five seeds.',
      why: 'With few examples of a class, the network rarely pays for getting it wrong and learns that it is rare: its outputs carry the training frequencies as a prior. Re-sampling shows every class equally often; class-balanced weights make a rare class’s mistakes cost more; logit adjustment subtracts the prior after training, without retraining at all.',
      fix: 'Re-sampling is the fix this preset claims. The other two help on most seeds; the range below and the calibration table say how often. Collecting more images of the rare classes beats all three.',
      topics: ['remedies', 'resampling', 'class-balanced', 'logit-adjustment', 'balanced-accuracy'],
    },
  },
};
