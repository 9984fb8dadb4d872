/**
 * The explain panel's topics. Every metric and preset links to one of these by id, so an
 * instructor can point at a number and open its meaning. Kept short and exact.
 */
export const EXPLAIN_TOPICS = [
  'transfer',
  'homogeneous',
  'bias',
  'negative',
  'shortcut',
  'forgetting',
  'jumpstart',
  'gain',
  'auc',
  'threshold',
  'ntg',
  'verdict',
  'selection',
  'logme',
  'leep',
  'knn',
  'fusion',
  'voting',
  'stacking',
  'soups',
  'remedies',
  'label-smoothing',
  'gce',
  'small-loss',
  'class-balanced',
  'resampling',
  'logit-adjustment',
  'balanced-accuracy',
] as const;
export type ExplainTopic = (typeof EXPLAIN_TOPICS)[number];

export const explainEn: { title: string; intro: string; link: string; topics: Record<ExplainTopic, { title: string; body: string[] }> } = {
  title: 'Explain',
  intro: 'What the lab shows, in short. Every metric and preset links here.',
  link: 'What does this mean?',
  topics: {
    transfer: {
      title: 'Transfer learning',
      body: [
        'A model trained on a source task (the source model) already computes useful features. Transfer learning reuses its weights to learn a target task with less data or time.',
        'Here the source network is cut after its feature blocks and a new head is trained for the target classes: with the backbone frozen (linear probe), its top blocks trainable (fine-tune), or everything trainable (full fine-tune). The from-scratch twin has the same architecture, head, data, batches and steps, so the difference between the two curves is what the source weights contributed.',
      ],
    },
    homogeneous: {
      title: 'Homogeneous vs. heterogeneous transfer',
      body: [
        'Homogeneous transfer: source and target live in the same feature space (the same kind of input) and differ in their distributions or labels — digits 0–4 → digits 5–9, or digits → clothing, all small grayscale images.',
        'Heterogeneous transfer: the feature spaces differ (text → images, different sensors, different input shapes), so representations must first be mapped onto each other. The lab’s transfers are homogeneous in input; the label spaces differ, which is why every transfer gets a new head.',
      ],
    },
    bias: {
      title: 'Data bias',
      body: [
        'Training data that is not a faithful sample of what the model will meet. The knobs under the target make it concrete: few samples per class, a long-tailed class imbalance, label noise (wrong labels), and a shifted test set (same classes, changed appearance).',
        'Validation stays clean, so the curves show what each kind of bias costs, and the shifted column shows whether a model learned the classes or the conditions they were photographed in.',
      ],
    },
    negative: {
      title: 'Negative transfer',
      body: [
        'Transfer hurts: the transfer run ends worse than the same model trained from scratch on the same data and budget. It happens when the source learned features the target cannot use (a shortcut such as colour), when the domains are far apart, or when a frozen backbone locks in the wrong features.',
        'The lab measures it with the negative transfer gap (NTG) over several seeds; only a confidence interval entirely above 0 counts as negative transfer.',
      ],
    },
    shortcut: {
      title: 'Shortcut learning',
      body: [
        'A network learns the cheapest cue that separates its training classes, not the one we had in mind. If every circle in the source data is red, "red" is easier to detect than "round", so the network learns colour and never needs outlines.',
        'The shortcut works on the source test set (it has the same cue) and fails the moment the cue is gone. Transferred, those features carry the shortcut with them: a frozen backbone has nothing to say about the target. The fix is in the data: break the spurious correlation (random colours) before pretraining.',
      ],
    },
    forgetting: {
      title: 'Catastrophic forgetting',
      body: [
        'Fine-tuning changes the shared backbone for the new task; the source task’s head still expects the old features, so source accuracy drops — often sharply, at high learning rates. The forgetting meter keeps the source head and measures it on held-out source images after every epoch.',
        'Mitigations: freeze more blocks or lower the backbone learning rate; L2-SP pulls the backbone back towards the pretrained weights (here decoupled from Adam, as AdamW decouples weight decay); LwF (learning without forgetting) adds a distillation loss that keeps the old head’s answers on the new images; WiSE-FT interpolates the weights between pretrained and fine-tuned after training.',
      ],
    },
    jumpstart: {
      title: 'Jumpstart',
      body: [
        'Validation accuracy after the first epoch, transfer minus scratch, in percentage points: how much the source gives before the target has taught anything.',
      ],
    },
    gain: {
      title: 'Asymptotic gain',
      body: ['Final validation accuracy, transfer minus scratch: whether the advantage lasts to the end of the budget.'],
    },
    auc: {
      title: 'AUC ratio',
      body: [
        'Area under the validation-accuracy curve of transfer divided by that of scratch: above 1 means transfer was ahead on average over the whole run, not just at the end.',
      ],
    },
    threshold: {
      title: 'Time to threshold',
      body: [
        'Epochs (and examples seen) until validation accuracy first reaches the chosen threshold; runs that never reach it are reported as such. Fewer epochs for transfer means it learns faster.',
      ],
    },
    ntg: {
      title: 'Negative transfer gap (NTG)',
      body: [
        'NTG = error(transfer) − error(scratch) on the target validation set, with error = 1 − final accuracy. Below 0: transfer helped. Above 0: transfer hurt.',
        'Over several seeds the lab reports the mean and a 95% confidence interval (Student’s t over the per-seed differences).',
      ],
    },
    verdict: {
      title: 'Verdict',
      body: [
        'Positive if the NTG’s 95% confidence interval lies entirely below 0, negative if entirely above 0, inconclusive if it contains 0 — one lucky seed decides nothing. Run more seeds to narrow the interval.',
      ],
    },
    selection: {
      title: 'Model selection (choosing a source)',
      body: [
        'Part of the model-fusion challenge is choosing which pretrained model to start from. Fine-tuning every candidate answers it for sure but costs a full training run each; transferability scores try to predict the answer from the frozen features alone, before any training.',
        'A score is only useful if it ranks the sources the way fine-tuning does. Kendall’s τ measures that agreement: +1 is the same order, 0 no relation, −1 the reverse. With five sources a p-value below 0.05 needs τ = 1, so treat τ as a hint, not proof.',
      ],
    },
    logme: {
      title: 'LogME',
      body: [
        'LogME (You et al., 2021) fits, for each target class, a Bayesian linear regression from the frozen features to that class, and reports the log marginal likelihood (the evidence) per image, maximised over the prior and noise strengths. Features that explain the labels with a simple linear model get a high evidence.',
        'With fewer images than feature dimensions, the evidence must include every dimension’s prior term; the lab computes it in full, so wide and narrow backbones are compared fairly.',
      ],
    },
    leep: {
      title: 'LEEP',
      body: [
        'LEEP (Nguyen et al., 2020) uses the source model’s own classifier: it counts how often each source class co-occurs with each target class on your images, then asks how well that mapping predicts the target labels. It needs a source head, so a backbone without one gets no LEEP.',
      ],
    },
    knn: {
      title: 'k-NN baseline and H-score',
      body: [
        'k-NN accuracy classifies each training image by its 5 most similar other images in the frozen feature space (leave-one-out). It is the honest baseline: published comparisons find it often ranks sources about as well as the dedicated scores.',
        'The H-score (Bao et al., 2019) compares the spread between class means with the overall spread of the features; the shrinkage version (Ibrahim et al., 2022) used here stays well defined with few images.',
      ],
    },
    fusion: {
      title: 'Model fusion',
      body: [
        'Several trained models can be combined into one prediction: by their answers (voting, stacking) or by their weights (soups). An ensemble helps when its members make different mistakes; it cannot fix mistakes they all share.',
        'Whatever is fitted must be fitted on images the members did not train on and that are not used to score the ensemble: the lab sets aside a blend split from the training images for that, so the validation accuracy of an ensemble is as honest as a member’s. “Ensemble vs. best member” compares with the member that did best on validation — a generous baseline, since that choice itself peeks at validation.',
      ],
    },
    voting: {
      title: 'Voting',
      body: [
        'Soft voting averages the members’ class probabilities and picks the most probable class. Uniform weights trust every member equally, so one weak member can drag the average down; fitted weights (maximising the likelihood of the blend split’s true classes, by EM) give the weak ones less say.',
        'Hard voting lets each member vote for its top class and takes the majority. A tie between classes goes to the one with the larger summed probability over all members.',
      ],
    },
    stacking: {
      title: 'Stacking',
      body: [
        'Stacking trains a small second-level model — here a multinomial logistic regression — whose inputs are every member’s class log-probabilities side by side and whose target is the true class, on the blend split. It can learn more than weights: that one member is reliable for 6s and another for 9s, or that a member’s “5” usually means 8.',
        'Fitted on validation predictions it would look excellent and mean nothing; fitted on the blend split, its validation accuracy is honest.',
      ],
    },
    soups: {
      title: 'Model soups (weight averaging)',
      body: [
        'A model soup (Wortsman et al. 2022) averages the weights themselves and gives one model, as fast as a member. It works only for runs fine-tuned from the same pretrained weights, which stay in one basin of the loss. The greedy soup sorts the runs by held-out accuracy and adds each only if the averaged model does not get worse on the blend split.',
        'Two networks trained from different random starts have their units in different orders: unit 3 of one is unit 17 of the other. Their average mixes unrelated units, and its accuracy collapses — the lab refuses such soups and, on request, shows that collapse.',
      ],
    },
    remedies: {
      title: 'Remedies: break it, fix it, measure it',
      body: [
        'The data-bias knobs break a transfer on purpose: wrong labels, rare classes. A remedy is a change to the training that should undo some of the damage. Switch one on, and with “Compare with plain transfer” the lab trains plain transfer and transfer with each remedy side by side, on the same split, seeds, batches and budget.',
        'With several seeds the verdict compares each remedy with plain transfer: the mean difference and its 95% confidence interval on the metric that matters for that challenge — clean validation accuracy for label noise, balanced accuracy for imbalance. A fix only counts when the interval is above 0.',
      ],
    },
    'label-smoothing': {
      title: 'Label smoothing',
      body: [
        'The target becomes (1 − ε) on the given label and ε/K spread over all K classes. The network is never pushed to be certain, so a wrong label cannot drive a confident mistake as hard. It is a mild remedy: it helps calibration more than heavy noise.',
      ],
    },
    gce: {
      title: 'Generalised cross-entropy (GCE)',
      body: [
        'Zhang & Sabuncu (2018): loss = (1 − p_y^q)/q, with p_y the probability given to the label. As q → 0 it becomes cross-entropy, which punishes a confident “wrong” answer without limit — exactly what a mislabelled image produces. At q = 1 it is the mean absolute error, bounded, so mislabelled images cannot dominate the gradient. q = 0.7 is the paper’s usual choice.',
      ],
    },
    'small-loss': {
      title: 'Small-loss selection',
      body: [
        'The idea behind co-teaching (Han et al. 2018): networks learn clean, easy examples before they memorise wrong labels, so early on the images with the smallest loss are mostly correctly labelled. Each batch trains only on its (1 − r) smallest losses; r ramps from 0 to the expected noise rate over the first fifth of the epochs.',
        'The lab injected the noise, so it knows which labels are wrong: each epoch it shows the precision (how many kept images are clean) and recall (how many clean images were kept) of the selection.',
      ],
    },
    'class-balanced': {
      title: 'Class-balanced loss weights',
      body: [
        'Cui et al. (2019): with n images of a class, its effective number is (1 − β^n)/(1 − β) — more images add less and less new information. Each class’s loss is weighted by the inverse, normalised so the weights sum to the number of classes. β = 0 weighs all classes equally; β → 1 weighs by 1/n.',
      ],
    },
    resampling: {
      title: 'Class-balanced re-sampling',
      body: [
        'Instead of reweighting the loss, change what the network sees: every draw picks a class uniformly, then an image of it. Rare images are repeated within an epoch (which can overfit them); common ones are seen less often. The number of steps is the same as plain training.',
      ],
    },
    'logit-adjustment': {
      title: 'Logit adjustment (post hoc)',
      body: [
        'Menon et al. (2021): a network trained on imbalanced data learns the class frequencies π as a prior and leans towards common classes. After training, predict argmax_y log p_y − τ·log π_y instead of argmax_y p_y: the prior is divided out. Nothing is retrained, so the training curves are identical to plain transfer; only the predictions move.',
      ],
    },
    'balanced-accuracy': {
      title: 'Balanced accuracy',
      body: [
        'The mean of the per-class recalls. With 95% of the images in one class, always answering that class scores 95% accuracy but 1/K balanced accuracy. On an imbalanced target, remedies are judged on it.',
      ],
    },
  },
};
