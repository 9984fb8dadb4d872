import { create } from 'zustand';
import { safeName, type BundleFailure, type BundleModel, type OpenedBundle } from '../../core/bundle/bundle';
import { getEngine } from '../../platform/engine/engineClient';
import { LARGE_SIDE, INPUT_SIDE } from '../../core/models/inputSpec';
import { download } from '../../platform/download';
import { usePersistStore } from '../../lab/persist/persistence';
import { openedDocument, restoreDocument, snapshotDocument } from '../../lab';
import { classesIn } from '../../lab/slices/images';
import type { SharedResults } from '../../core/share/link';
import type { ClassMark } from '../../core/classBoard/classMark';
import type { Board } from '../../core/classBoard/board';
import { zipJobs } from '../../platform/zip/zipThread';
import type { OpenResult, RawImage } from '../../platform/zip/zipJobs';
import { messageOf, type Msg } from '../../core/messages';
import { registerActivity } from '../../lab/busy';

/** A bundle bigger than this is refused before it is read (the images of a class-room data set are far smaller). */
export const MAX_BUNDLE_BYTES = 600 * 1024 * 1024;
/** Images per message to the bundle worker (12 photos at 224 px: under 2 MB to copy). */
const SEND_AT_ONCE = 12;

export type BundleNotice =
  | { kind: 'exported'; images: number; models: number }
  | { kind: 'imported'; images: number; skipped: OpenedBundle['skipped'] }
  | { kind: 'refused'; code: BundleFailure | 'file-too-large' | 'unreadable'; detail?: Msg }
  /** Writing the bundle failed (its worker stopped, a trained model could not be read): nothing was downloaded. */
  | { kind: 'failed'; detail: Msg };

interface BundleState {
  busy: boolean;
  /** Put each finished run's trained model (TF.js layers files) in the bundle too. */
  includeModels: boolean;
  setIncludeModels(on: boolean): void;
  notice: BundleNotice | null;
  exportBundle(): Promise<void>;
  importBundle(file: File): Promise<void>;
  dismiss(): void;
}

export const useBundleStore = create<BundleState>()((set, get) => ({
  busy: false,
  includeModels: false,
  setIncludeModels(on) {
    set({ includeModels: on });
  },
  notice: null,
  async exportBundle() {
    // One bundle at a time: the zip worker holds the images of the one being written.
    if (get().busy) return;
    set({ busy: true });
    const jobs = await zipJobs();
    try {
      // The lab's bundle document: the manifest's config and results, and the images for the folders (CARRIED in src/lab/document.ts).
      const doc = snapshotDocument('bundle');
      const config = doc.config;
      const results = (doc.results as SharedResults | undefined) ?? null;
      await jobs.begin();
      // The larger copy when there is one: what a photo model trains on, and what the 32×32 one is made from.
      const all: RawImage[] = classesIn(doc.images).flatMap((c) =>
        c.images.map((image) =>
          image.pixelsLarge
            ? { className: c.name, name: image.name, pixels: image.pixelsLarge, side: LARGE_SIDE }
            : { className: c.name, name: image.name, pixels: image.pixels, side: INPUT_SIDE },
        ),
      );
      // In batches: each message copies its pixels, and one message of a thousand photos would be a long task.
      for (let i = 0; i < all.length; i += SEND_AT_ONCE) await jobs.add(all.slice(i, i + SEND_AT_ONCE));
      const models: BundleModel[] = [];
      if (get().includeModels && results) {
        for (const r of results.runs) {
          const m = await getEngine().trainedModel(r.id);
          if (m) models.push({ runId: r.id, ...m });
        }
      }
      const parts = { class: (doc.class as ClassMark | undefined) ?? null, board: (doc.board as Board | undefined) ?? null };
      const { zip, images } = await jobs.finish(config, results, models, parts);
      const name = usePersistStore.getState().experiments.find((e) => e.id === usePersistStore.getState().currentId)?.name ?? 'experiment';
      download(`transfer-lab-${safeName(name).replace(/\s+/g, '-')}.zip`, zip, 'application/zip');
      set({ notice: { kind: 'exported', images, models: models.length } });
    } catch (err) {
      set({ notice: { kind: 'failed', detail: messageOf(err) } });
      // Let the worker drop what it encoded (if it is still there).
      void jobs.begin().catch(() => {});
    } finally {
      set({ busy: false });
    }
  },
  async importBundle(file) {
    if (get().busy) return;
    if (file.size > MAX_BUNDLE_BYTES) return set({ notice: { kind: 'refused', code: 'file-too-large' } });
    set({ busy: true });
    try {
      // The file goes to the zip worker as it is (by reference): it reads, checks and unpacks it there.
      let opened: OpenResult;
      try {
        opened = await (await zipJobs()).open(file);
      } catch (err) {
        return set({ notice: { kind: 'refused', code: 'unreadable', detail: messageOf(err) } });
      }
      if (!opened.ok) return set({ notice: { kind: 'refused', code: opened.code, detail: opened.detail } });
      const { config, results, class: mark, board, images, skipped } = opened.bundle;
      // Checked once, by the bundle codec in the zip worker (manifest, config, results, entry paths):
      // not again here, where a second pass over a thousand images would hold the page.
      const read = openedDocument('bundle', { config, results, class: mark, board, images: { files: images } });
      // A bundle becomes a new saved experiment; the one that was open stays in the list.
      await usePersistStore.getState().newExperiment();
      // Its images go through the normal decode pipeline: every file is sniffed, size-checked and reported on.
      await restoreDocument('bundle', read);
      set({ notice: { kind: 'imported', images: images.length, skipped } });
    } finally {
      set({ busy: false });
    }
  },
  dismiss() {
    set({ notice: null });
  },
}));

registerActivity('bundle', () => useBundleStore.getState().busy, useBundleStore.subscribe);
