/**
 * The bench's written goals, as one table that `npm run bench` checks after every full run: each
 * goal's verdict goes into bench/results.json and the run exits with code 1 when one is missed.
 * Pure (no Node or browser APIs), so it is unit-tested on its own (bench/goals.test.ts).
 */

export type Comparison = '>=' | '<=' | '<' | '>' | '==';

export interface Goal {
  /** A key of results.json's `metrics`. */
  metric: string;
  comparison: Comparison;
  threshold: number;
  /** The threshold as tables show it, when its plain digits would not read well (bytes as MB). */
  shown?: string;
  /** What meeting it means, in a line. */
  means: string;
}

export const GOALS: readonly Goal[] = [
  {
    metric: 'probe_cached_speedup',
    comparison: '>=',
    threshold: 10,
    means: 'a linear-probe epoch on cached embeddings is ≥ 10× faster than through the frozen backbone',
  },
  {
    metric: 'engine_overhead_ratio',
    comparison: '<=',
    threshold: 1.1,
    shown: '1.10',
    means: "the lab's full fine-tune epoch costs ≤ 10% more than plain model.fit",
  },
  {
    metric: 'main_thread_longest_task_ms',
    comparison: '<',
    threshold: 50,
    means: 'no long task on the main thread while the app trains (median of three runs)',
  },
  {
    metric: 'tensor_drift_20_epochs',
    comparison: '==',
    threshold: 0,
    means: 'no tensor leaks over a 20-epoch transfer + scratch experiment',
  },
  {
    metric: 'augment_overhead_ratio',
    comparison: '<=',
    threshold: 1.25,
    means: 'all augmentations on cost ≤ 25% more per fine-tune epoch',
  },
  {
    metric: 'remedy_epoch_ratio_label_smoothing',
    comparison: '<=',
    threshold: 1.05,
    means: 'label smoothing costs ≤ 5% more per fine-tune epoch than plain transfer (same experiment, interleaved)',
  },
  {
    metric: 'remedy_epoch_ratio_gce',
    comparison: '<=',
    threshold: 1.05,
    means: 'GCE costs ≤ 5% more per fine-tune epoch than plain transfer',
  },
  {
    metric: 'remedy_epoch_ratio_small_loss',
    comparison: '<=',
    threshold: 1.3,
    means: 'small-loss selection (one network) costs ≤ 30% more per fine-tune epoch than plain transfer',
  },
  { metric: 'preview_update_ms', comparison: '<=', threshold: 200, means: 'the augmentation preview redraws within 200 ms of a toggle' },
  {
    metric: 'score_vs_epoch_ratio',
    comparison: '<=',
    threshold: 0.01,
    means: 'the slowest selection score costs ≤ 1% of a fine-tune epoch',
  },
  {
    metric: 'embed_backend_speedup',
    comparison: '>=',
    threshold: 5,
    means: 'MobileNet embeds ≥ 5× faster on the calibrated backend than on WebGL',
  },
  {
    metric: 'training_speedup_full',
    comparison: '>=',
    threshold: 3,
    means: 'a full fine-tune trains ≥ 3× faster on wasm with the matmul kernels than with the old ones (same page, alternating)',
  },
  {
    metric: 'training_speedup_scratch',
    comparison: '>=',
    threshold: 3,
    means: 'the scratch twin trains ≥ 3× faster on wasm with the matmul kernels than with the old ones (same page, alternating)',
  },
  {
    metric: 'training_peak_fraction',
    comparison: '>=',
    threshold: 0.25,
    means: "a full fine-tune step reaches ≥ 25% of the page's own 512³ matmul peak (same backend, same threads)",
  },
  {
    metric: 'tm_style_embed_ratio',
    comparison: '>=',
    threshold: 5,
    means: 'the lab embeds ≥ 5× faster than one predict per image (Teachable-Machine style)',
  },
  {
    metric: 'tm_style_probe_epoch_ratio',
    comparison: '>=',
    threshold: 3,
    means: "a Teachable-Machine-style head epoch takes ≥ 3× the lab's probe epoch",
  },
  {
    metric: 'upload_decode_ratio',
    comparison: '>=',
    threshold: 2,
    means: 'the worker pool decodes uploads ≥ 2× faster than the old page-side path',
  },
  {
    metric: 'class_board_200_links_ms',
    comparison: '<',
    threshold: 2000,
    means: 'a lecture hall of 200 result links, pasted at once, is opened, checked and drawn on the class board within 2 s',
  },
  {
    metric: 'class_board_200_longest_task_ms',
    comparison: '<',
    threshold: 50,
    means: 'no long task while the 200 links are added',
  },
  {
    metric: 'upload_1000_longest_task_ms',
    comparison: '<',
    threshold: 50,
    means: "no long task while 1,000 photos arrive and are saved (the picker's own task apart)",
  },
  {
    metric: 'bundle_1000_export_longest_task_ms',
    comparison: '<',
    threshold: 50,
    means: 'no long task while a 1,000-photo bundle is written',
  },
  {
    metric: 'bundle_1000_import_longest_task_ms',
    comparison: '<',
    threshold: 50,
    means: 'no long task while that bundle is imported in a fresh browser',
  },
  { metric: 'projection_longest_task_ms', comparison: '<', threshold: 50, means: 'no long task while the worker draws UMAP feature maps' },
  {
    metric: 'first_usable_ms_desktop',
    comparison: '<=',
    threshold: 1500,
    means: 'desktop first visit usable within 1.5 s (cold: fresh cache, no service worker yet)',
  },
  { metric: 'first_usable_ms_desktop_warm', comparison: '<=', threshold: 1000, means: 'desktop second visit usable within 1 s' },
  {
    metric: 'first_usable_ms_phone',
    comparison: '<=',
    threshold: 5000,
    means: 'phone first visit usable within 5 s (4× CPU, Slow 4G, 390×844)',
  },
  { metric: 'first_usable_ms_phone_warm', comparison: '<=', threshold: 1000, means: 'phone second visit usable within 1 s' },
  {
    metric: 'first_chart_ms_phone_results_link',
    comparison: '<=',
    threshold: 3000,
    means: 'a results link draws its accuracy curve within 3 s on the phone profile',
  },
  {
    metric: 'first_visit_bytes_phone',
    comparison: '<=',
    threshold: 4e6,
    shown: '4 MB',
    means: 'at most 4 MB over the wire before the phone first visit is usable',
  },
];

/** Figures recorded without a goal, and what each one is (shown beside them in the docs' table). */
export const REPORTED: Readonly<Record<string, string>> = {
  remedy_epoch_ratio_class_balanced: 'report (class-balanced loss weights, per fine-tune epoch, against plain)',
  remedy_epoch_ratio_resample: 'report (class-balanced re-sampling: its own batches, the same number of steps)',
  remedy_epoch_ratio_logit_adjust: 'report (logit adjustment: trains as plain, adjusts predictions)',
  mobilenet_embed_images_per_s: 'report (200 images)',
  mobilenet_probe_epoch_ms: 'report (200 images, cached embeddings)',
  logme_ms_200x256: 'report',
  leep_ms_200: 'report',
  rank_all_zoo_ms: 'report (every zoo source, six, default target, features included)',
  fusion_ms: 'report (soft vote + stacking, 5 runs)',
  slowest_score_as_ranked_ms: 'report (one timing each, JIT cold)',
  calibration_ms: 'report (webgl + wasm, both families and a training step)',
  wasm_threads: 'report (one per core with cross-origin isolation)',
  embed_backend_max_abs_diff: 'report (first 8 images, calibrated backend vs webgl)',
  upload_1000_picker_task_ms: 'report (the browser delivering the picked folder)',
  bundle_1000_import_picker_task_ms: 'report (the browser delivering the chosen file)',
  pca_ms_500: 'report (500 images, 256-D features)',
  umap_ms_500: 'report (500 images, 256-D features, 200 epochs)',
  gradcam_ms: 'report (one image, Grad-CAM + input gradient, zoo model, webgl)',
  page_script_bytes_phone: "report (the page thread's own scripts, before usable)",
  training_samples_per_s_probe_baseline: 'report (wasm, zoo CNN, batch 16, Adam: the head on cached embeddings; old kernels)',
  training_samples_per_s_probe_matmul: 'report (the same with the matmul kernels; no convolution trains, so ≈ baseline)',
  training_samples_per_s_top2_baseline: 'report (wasm, batch 16: top-2 blocks and the head train; old kernels)',
  training_samples_per_s_top2_matmul: 'report (the same with the matmul kernels)',
  training_samples_per_s_full_baseline: 'report (wasm, batch 16: full fine-tune; old kernels, the baseline of training_speedup_full)',
  training_samples_per_s_full_matmul: 'report (the same with the matmul kernels)',
  training_samples_per_s_scratch_baseline: 'report (wasm, batch 16: the scratch twin; old kernels)',
  training_samples_per_s_scratch_matmul: 'report (the same with the matmul kernels)',
  training_step_gflop: 'report (one full fine-tune step at batch 16, forward + backward, counted from the layers)',
  training_achieved_gflops_full: 'report (that count ÷ the median matmul-kernel step time)',
  wasm_matmul_peak_gflops: "report (512³ tf.matMul on the page's wasm, best of 8)",
  training_tensor_drift: 'report (tensors left by the training section: 0 when it cleans up)',
};

const SYMBOL: Record<Comparison, string> = { '>=': '≥', '<=': '≤', '<': '<', '>': '>', '==': '=' };

/** The goal as tables show it: "≥ 10", "≤ 4 MB". */
export const goalText = (g: Goal) => `${SYMBOL[g.comparison]} ${g.shown ?? g.threshold}`;

const holds = (value: number, g: Goal): boolean => {
  switch (g.comparison) {
    case '>=':
      return value >= g.threshold;
    case '<=':
      return value <= g.threshold;
    case '<':
      return value < g.threshold;
    case '>':
      return value > g.threshold;
    case '==':
      return value === g.threshold;
  }
};

/** A measured value for messages and the printed table: three significant figures. */
export const formatMeasured = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v));

export interface GoalResult {
  metric: string;
  goal: string;
  means: string;
  /** The measured value; null when the run did not record it. */
  value: number | null;
  met: boolean;
  /** Why it was missed. */
  reason?: string;
}

export interface GoalCheck {
  /** Every goal met. */
  ok: boolean;
  results: GoalResult[];
  /** The metrics of the missed goals. */
  missed: string[];
}

/** Each goal against the run's metrics. A goal whose metric is absent or not a number is missed, not skipped: a figure that silently stopped being measured must fail the run. */
export function evaluateGoals(metrics: Readonly<Record<string, number | null | undefined>>, goals: readonly Goal[] = GOALS): GoalCheck {
  const results = goals.map((g): GoalResult => {
    const goal = goalText(g);
    const value = metrics[g.metric];
    const base = { metric: g.metric, goal, means: g.means };
    if (value === undefined || value === null)
      return { ...base, value: null, met: false, reason: `not measured: results have no "${g.metric}"` };
    if (typeof value !== 'number' || Number.isNaN(value)) return { ...base, value, met: false, reason: `not a number: ${String(value)}` };
    return holds(value, g)
      ? { ...base, value, met: true }
      : { ...base, value, met: false, reason: `${formatMeasured(value)} is not ${goal}` };
  });
  const missed = results.filter((r) => !r.met).map((r) => r.metric);
  return { ok: missed.length === 0, results, missed };
}

/** The verdicts as results.json records them, by metric (the value itself is in `metrics`). */
export const recordedGoals = (check: GoalCheck) =>
  Object.fromEntries(
    check.results.map((r) => [r.metric, { goal: r.goal, means: r.means, met: r.met, ...(r.reason ? { reason: r.reason } : {}) }]),
  );

/** A plain-text table of the verdicts for the console, missed goals with their reason. */
export function goalsTable(check: GoalCheck): string {
  const rows = check.results.map((r) => [
    r.met ? 'ok' : 'MISSED',
    r.metric,
    r.value === null ? '—' : formatMeasured(r.value),
    r.goal,
    r.reason ?? r.means,
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => `  ${row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`);
  const met = check.results.length - check.missed.length;
  return [`Goals: ${met} of ${check.results.length} met${check.ok ? '' : ` — missed: ${check.missed.join(', ')}`}`, ...lines].join('\n');
}
