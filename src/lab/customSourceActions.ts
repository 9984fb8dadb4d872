import { displayName, ModelUrlSchema } from '../core/config/experiment';
import { readLocalModel } from '../platform/modelFiles';
import { useExperimentStore } from './experimentStore';
import { messageOf, msg } from '../core/messages';
import { attempt, BUSY, training, type LoadSteps, type SetSources } from './sourceLoading';
import type { SourceState } from './sourceTypes';

/** A URL path segment as text (a malformed escape stays as it was). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The own-model actions (from an address or from the person's files): one own model at a time, under "custom". */
export function createCustomSourceActions(set: SetSources, steps: LoadSteps): Pick<SourceState, 'loadCustomUrl' | 'loadCustomFiles'> {
  const { patch, begin, register, saveToCache, download } = steps;
  return {
    async loadCustomUrl(url, { select = true } = {}) {
      if (training()) return patch('custom', { status: 'error', error: BUSY });
      // The same rule a shared config's URL must pass (core/config/experiment.ts).
      const checked = ModelUrlSchema.safeParse(url.trim());
      if (!checked.success) {
        patch('custom', { ...attempt('error'), error: msg('msg.badModelUrl', url) });
        return;
      }
      const parsed = new URL(checked.data);
      const name = displayName(safeDecode(parsed.pathname.split('/').filter(Boolean).slice(-2, -1)[0] ?? '') || parsed.host);
      const run = begin('custom');
      const got = await download('custom', parsed.href, run);
      if (!got) return;
      // Own models are assumed to take [0, 1] pixels (what model.save() of a Keras/TF.js model trained on /255 images expects).
      if (await register('custom', name, got.files, 'unit', null, null, run.n, !got.fromCache)) {
        set({ customSource: { kind: 'custom', name, url: parsed.href } });
        if (select) useExperimentStore.getState().setSource({ kind: 'custom', name, url: parsed.href });
        await saveToCache('custom', got);
      }
    },
    async loadCustomFiles(list, { select = true } = {}) {
      if (training()) return patch('custom', { status: 'error', error: BUSY });
      const name =
        list.find((f) => f.name.toLowerCase().endsWith('.json') && f.name.toLowerCase() !== 'metadata.json')?.name ?? 'model.json';
      const run = begin('custom');
      patch('custom', attempt('checking'));
      let read: Awaited<ReturnType<typeof readLocalModel>>;
      try {
        read = await readLocalModel(list);
      } catch (err) {
        if (run.current()) patch('custom', { status: 'error', error: messageOf(err) });
        return;
      }
      if (!run.current()) return;
      // Teachable Machine feeds its MobileNet [−1, 1] pixels; its metadata.json names the classes.
      const range = read.metadata ? 'symmetric' : 'unit';
      // A file's metadata is anyone's text: shown as text only, without control characters, bounded.
      const shown = displayName(read.metadata?.modelName ? `${read.metadata.modelName} (Teachable Machine)` : name);
      if (await register('custom', shown, read.files, range, null, read.metadata?.labels ?? null, run.n)) {
        // A restored experiment already names this model, with its cut: that is the source to come back to.
        const current = useExperimentStore.getState().config.source;
        set({
          localFiles: [...list],
          customSource: current.kind === 'custom' && !current.url && current.name === shown ? current : { kind: 'custom', name: shown },
        });
        if (select) useExperimentStore.getState().setSource({ kind: 'custom', name: shown });
      }
    },
  };
}
