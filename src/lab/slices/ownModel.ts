import { useSourceStore } from '../sourceStore';
import { useZooStore } from '../zooStore';
import { ModelSchema } from '../persist/storedSchemas';
import type { DocumentSlice } from '../document';
import type { z } from 'zod';

/**
 * An own model loaded from local files: the files themselves, kept beside a saved experiment
 * (autosave writes them when the model is loaded) so a reload can load it again. Nothing is
 * fetched: the files are on this device.
 */
type StoredModelFiles = z.infer<typeof ModelSchema>;

/** Resolves once the lab has started (the zoo listed); engine calls made then wait for the worker themselves. */
function whenEngineReady(): Promise<void> {
  if (useZooStore.getState().status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useZooStore.subscribe((s) => {
      if (s.status !== 'ready') return;
      stop();
      resolve();
    });
  });
}

export const ownModelSlice: DocumentSlice<StoredModelFiles> = {
  id: 'model',
  in: ['record'],
  schema: ModelSchema,
  apart: true,
  // Saved by autosave when loaded (persist/autosave.ts), never as part of the record.
  snapshot: () => undefined,
  restore(model, { config }) {
    if (config.source.kind !== 'custom' || config.source.url) return;
    const list = model.files.map((f) => new File([f.bytes as Uint8Array<ArrayBuffer>], f.name));
    // Loaded again through the same checks as the first time, without selecting it: the restored
    // config names it already, with its saved cut and strategy, and a source the user picks while
    // the engine starts must not be taken back.
    void whenEngineReady().then(() => {
      // A model the user started loading meanwhile is newer than the restored one: theirs wins.
      const attempt = useSourceStore.getState().sources.custom?.status;
      if (attempt !== 'checking' && attempt !== 'downloading') return useSourceStore.getState().loadCustomFiles(list, { select: false });
    });
  },
};
