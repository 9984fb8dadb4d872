import type * as tf from '@tensorflow/tfjs';
import { msg, type Msg } from '../messages';
import type { Strategy } from '../config/experiment';
import { blockCount, freezeUpTo } from '../models/registry';

/** Freezes what the strategy says; returns how the run should treat the rest. */
export function applyStrategy(
  model: tf.LayersModel,
  strategy: Strategy,
  sourceName: string,
): { frozenBlocks: number; backboneLrMultiplier: number; description: Msg } {
  const blocks = blockCount(model);
  if (strategy.kind === 'linear-probe') {
    freezeUpTo(model, blocks);
    return { frozenBlocks: blocks, backboneLrMultiplier: 1, description: msg('msg.run.probe', sourceName) };
  }
  if (strategy.kind === 'fine-tune') {
    const k = Math.min(strategy.trainableBlocks, blocks);
    freezeUpTo(model, blocks - k);
    return { frozenBlocks: blocks - k, backboneLrMultiplier: 1, description: msg('msg.run.fineTune', k, blocks, sourceName) };
  }
  freezeUpTo(model, 0);
  const m = strategy.backboneLrMultiplier;
  return { frozenBlocks: 0, backboneLrMultiplier: m, description: msg('msg.run.full', sourceName, m) };
}
