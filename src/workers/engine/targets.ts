import { parseConfig, SourcesSchema, type ExperimentConfig, type Source } from '../../core/config/experiment';
import type { ImageSet } from '../../core/data/imageSet';
import { sourceChannelStats } from '../../core/selection/domainGapMeter';
import type { ChannelStats } from '../../core/data/preprocess';
import { prepareTarget, type TargetData } from '../../core/train/experiment';
import { CodedError, codeText, coded } from '../../core/messages';
import { dataKey, sourceStatsKey } from '../../core/config/keys';
import { session } from './session';

export function firstPerClass(labels: Uint16Array, perClass: number): number[] {
  const firsts: number[] = [];
  const seen = new Map<number, number>();
  labels.forEach((l, i) => {
    const n = seen.get(l) ?? 0;
    if (n < perClass) firsts.push(i);
    seen.set(l, n + 1);
  });
  return firsts;
}

/**
 * The last prepared target, keyed by what picks and biases the images: previews (dataset view,
 * augmentation grid) ask again on every knob change and should not redo the split each time.
 */
let lastPrepared: { key: string; data: Promise<TargetData> } | null = null;
/**
 * Every config that reaches the engine is validated here, whoever sent it (a click, a link, a
 * stored experiment): the same strict schema, the same bounds, one place.
 */
export function checked(draft: ExperimentConfig): ExperimentConfig {
  const parsed = parseConfig(draft);
  if (!parsed.ok) throw new CodedError(parsed.error);
  return parsed.config;
}

export function checkedSources(sources: Source[] | undefined): Source[] | undefined {
  if (sources === undefined) return undefined;
  const parsed = SourcesSchema.safeParse(sources);
  if (!parsed.success) throw coded('msg.invalidSources', parsed.error.issues[0]?.message ?? codeText('err.notSourceList'));
  return parsed.data;
}

/** The source statistics `preprocess.normalise` aims at, kept per source (a fixed sample: every seed normalises alike). */
const sourceStats = new Map<string, Promise<ChannelStats | null>>();
function normaliseTo(config: ExperimentConfig): Promise<ChannelStats | null> {
  if (!config.preprocess.normalise) return Promise.resolve(null);
  const key = sourceStatsKey(config.source);
  let p = sourceStats.get(key);
  if (!p) {
    p = sourceChannelStats(config.source, session.registry, session.datasets, 0);
    p.catch(() => sourceStats.delete(key));
    sourceStats.set(key, p);
  }
  return p;
}

/** The config's target, prepared (with the source's statistics when it normalises). */
export async function targetData(config: ExperimentConfig, uploaded: ImageSet | null): Promise<TargetData> {
  return prepareTarget(config, session.datasets, uploaded ?? undefined, await normaliseTo(config));
}

export function prepared(config: ExperimentConfig): Promise<TargetData> {
  const key = dataKey(config);
  if (!lastPrepared || lastPrepared.key !== key) {
    const data = targetData(config, null);
    lastPrepared = { key, data };
    data.catch(() => lastPrepared?.data === data && (lastPrepared = null));
  }
  return lastPrepared.data;
}
