/**
 * The user's own uploaded images, grouped into classes. Pixels are already model-sized uint8 RGB,
 * so handing them to training is a copy (toImageSet), not a re-decode.
 */
import { create } from 'zustand';
import { INPUT_SIDE, LARGE_SIDE } from '../../core/models/inputSpec';
import type { ImageSet } from '../../core/data/imageSet';
import type { ExperimentConfig, Source } from '../../core/config/experiment';
import { bug } from '../../core/messages';
import { classFromPath, comparePaths, filesFromDrop, foldersPerClass, thumbnailFromPixels, type DecodeResult } from './decodeImages';
import { decodeConcurrency, decodeInPool, type Decode } from './decodePool';
import { codes, tUploads } from '../../i18n';
import type { Msg } from '../../core/messages';

/** Messages are codes the panel words; a default class name is data, named in the language of the moment. */
const en = codes('uploads');

/** A stratified split needs one image per class on each side. */
export const MIN_IMAGES_PER_CLASS = 2;
/** Datasets such as CUB-200 or Food-101 have 100–200 classes; beyond this a class is refused. */
export const MAX_CLASSES = 1000;
/**
 * Decoded files reach the store at most this often: each commit re-renders what shows the
 * classes, so committing per file made adding N images cost N × (number of classes).
 */
const COMMIT_EVERY_MS = 150;
/** At most this many files per state update: each renders its thumbnails, and a task must stay short. */
export const COMMIT_AT_MOST = 32;

export interface UploadImage {
  id: string;
  name: string;
  /** side × side × 3, uint8 RGB, row-major: for the 32×32 zoo. */
  pixels: Uint8Array;
  /** LARGE_SIDE² × 3, for photo sources (MobileNet at 224); null in stores made without it. */
  pixelsLarge: Uint8Array | null;
  /** Object URL owned by the store; revoked when the image leaves it. */
  thumbnailUrl: string;
  /** SHA-256 of the file bytes, for duplicate detection across the whole upload set. */
  hash: string;
}

export interface UploadClass {
  id: string;
  name: string;
  images: UploadImage[];
}

export interface UploadMessage {
  id: string;
  /** The file (or drop path) the problem is about; '' for problems with class names. */
  file: string;
  /** What went wrong, as a message code (its sentence includes the file name). */
  text: Msg;
}

export interface UploadFile {
  file: File;
  /** Path inside a folder drop or `webkitdirectory` pick; the parent folder names the class. */
  path?: string;
}

export interface UploadState {
  /** Side of the stored square images (model input size). */
  readonly side: number;
  classes: UploadClass[];
  messages: UploadMessage[];
  /** Files decoded / queued across all running addFiles calls; both 0 when idle. */
  progress: { done: number; total: number };
  /** Returns the new class id, or null (with a message) if the name is empty or taken. */
  addClass: (name?: string) => string | null;
  /** Returns false (with a message) if the name is empty or taken by another class. */
  renameClass: (id: string, name: string) => boolean;
  deleteClass: (id: string) => void;
  removeImage: (classId: string, imageId: string) => void;
  /**
   * Decode and add files. A file whose path has a parent folder goes to the class of that name
   * (created if needed); other files go to `targetClassId`. Bad files each get one message.
   */
  addFiles: (files: readonly UploadFile[], targetClassId?: string) => Promise<void>;
  /** Drop handler convenience: call synchronously in the drop event (see filesFromDrop). */
  addDrop: (dataTransfer: DataTransfer, targetClassId?: string) => Promise<void>;
  dismissMessage: (id: string) => void;
  clearMessages: () => void;
  /** Replaces every class with stored ones (validated by the caller), thumbnails redrawn from their pixels. */
  restore: (classes: readonly StoredClass[]) => Promise<void>;
}

/** An upload class as storage keeps it: names, hashes and pixel bytes (no object URLs). */
export interface StoredClass {
  name: string;
  images: { name: string; hash: string; pixels: Uint8Array; pixelsLarge: Uint8Array | null }[];
}

const normalise = (name: string) => name.trim().toLocaleLowerCase();
/** Case-insensitive: "Cat" and "cat" as two classes is almost always a mistake. */
const findByName = (classes: readonly UploadClass[], name: string) =>
  classes.find((c) => normalise(c.name) === normalise(name));

let nextId = 0;
const newId = (prefix: string) => `${prefix}${++nextId}`;

const revoke = (images: readonly UploadImage[]) => {
  for (const image of images) if (image.thumbnailUrl) URL.revokeObjectURL(image.thumbnailUrl);
};

/** Why training cannot start yet, or null if the classes are usable. */
export function trainingBlocker(classes: readonly { name: string; images: readonly unknown[] }[]): Msg | null {
  if (classes.length < 2) return en.needTwoClasses(classes.length);
  const short = classes
    .filter((c) => c.images.length < MIN_IMAGES_PER_CLASS)
    .map((c) => ({ name: c.name, count: c.images.length }));
  return short.length > 0 ? en.tooFewImages(short.map((c) => c.name), short.map((c) => c.count), MIN_IMAGES_PER_CLASS) : null;
}

/**
 * Pack every image into one ImageSet; classNames follow class order (empty classes included, so
 * indices match the UI). Null when there are no images. Builds new arrays on every call: use it
 * when training starts, not as a hook selector.
 */
export function toImageSet(state: { readonly classes: readonly UploadClass[] }, side: number): ImageSet | null {
  const size = side * side * 3;
  const count = state.classes.reduce((n, c) => n + c.images.length, 0);
  if (count === 0) return null;
  const pixels = new Uint8Array(count * size);
  const labels = new Uint16Array(count);
  let i = 0;
  state.classes.forEach((c, label) => {
    for (const stored of c.images) {
      const image = side === LARGE_SIDE && stored.pixelsLarge ? { ...stored, pixels: stored.pixelsLarge } : stored;
      if (image.pixels.length !== size) {
        throw bug(`toImageSet: ${image.name} has ${image.pixels.length} bytes, expected ${size} (side ${side})`); // decoding and restoring check the sizes
      }
      pixels.set(image.pixels, i * size);
      labels[i++] = label;
    }
  });
  return { width: side, height: side, channels: 3, pixels, labels, classNames: state.classes.map((c) => c.name) };
}

/**
 * The user's images for an experiment on `config` (null for a built-in target), at the side its
 * sources take: 224 when any source is external (the zoo resizes them down), else 32.
 */
export function uploadedFor(config: Pick<ExperimentConfig, 'source' | 'target'>, sources: readonly Source[] = []): ImageSet | null {
  if (config.target.kind !== 'upload') return null;
  const side = [config.source, ...sources].some((s) => s.kind !== 'zoo') ? LARGE_SIDE : INPUT_SIDE;
  return toImageSet(useUploadStore.getState(), side);
}

interface Decoded {
  /** Name shown in messages: the drop path when there is one. */
  shown: string;
  name: string;
  className: string | null;
  result: DecodeResult;
}

/**
 * Fold decoded files into the classes, in input order (so with duplicates the first one wins).
 * Pure apart from the returned URLs, which the caller revokes.
 */
function applyDecoded(classes: UploadClass[], batch: readonly Decoded[], targetClassId: string | undefined) {
  const next = [...classes];
  const copied = new Set<string>();
  const messages: UploadMessage[] = [];
  const discard: string[] = [];
  const refused = new Set<string>();
  const seen = new Map<string, { image: string; className: string }>();
  for (const c of next) for (const image of c.images) seen.set(image.hash, { image: image.name, className: c.name });

  const writable = (index: number) => {
    const c = next[index];
    if (!copied.has(c.id)) {
      next[index] = { ...c, images: [...c.images] };
      copied.add(c.id);
    }
    return next[index];
  };
  const problem = (file: string, text: Msg) => messages.push({ id: newId('msg'), file, text });
  // Name → index, so placing a file costs the same with 6 classes or 1,000.
  const byName = new Map(next.map((c, i) => [normalise(c.name), i]));

  for (const { shown, name, className, result } of batch) {
    if (!result.ok) {
      problem(shown, result.message);
      continue;
    }
    const original = seen.get(result.hash);
    if (original) {
      problem(shown, en.duplicate(shown, original.image, original.className));
      discard.push(result.thumbnailUrl);
      continue;
    }
    let index: number;
    if (className) {
      const existing = byName.get(normalise(className));
      if (existing === undefined && next.length >= MAX_CLASSES) {
        if (!refused.has(normalise(className))) problem(shown, en.tooManyClasses(className, MAX_CLASSES));
        refused.add(normalise(className));
        discard.push(result.thumbnailUrl);
        continue;
      }
      index = existing ?? next.push({ id: newId('class'), name: className, images: [] }) - 1;
      byName.set(normalise(className), index);
    } else {
      index = next.findIndex((c) => c.id === targetClassId);
      if (index < 0) {
        // No class given, or it was deleted while this file was decoding.
        problem(shown, en.noClass(shown));
        discard.push(result.thumbnailUrl);
        continue;
      }
    }
    const target = writable(index);
    target.images.push({ id: newId('img'), name, pixels: result.pixels, pixelsLarge: result.pixelsLarge, thumbnailUrl: result.thumbnailUrl, hash: result.hash });
    seen.set(result.hash, { image: name, className: target.name });
  }
  return { classes: next, messages, discard };
}

export function createUploadStore(side: number = INPUT_SIDE, largeSide: number | null = LARGE_SIDE, decode: Decode = decodeInPool) {
  return create<UploadState>()((set, get) => {
    const say = (text: Msg) => set((s) => ({ messages: [...s.messages, { id: newId('msg'), file: '', text }] }));
    /** Null if the name is usable by class `selfId`; otherwise the message saying why not. */
    const nameProblem = (name: string, selfId?: string) => {
      if (!name) return en.classNameEmpty();
      const clash = findByName(get().classes, name);
      return clash && clash.id !== selfId ? en.classNameTaken(name) : null;
    };

    const addFiles = async (input: readonly UploadFile[], targetClassId?: string) => {
      const n = input.length;
      if (n === 0) return;
      const pathOf = (f: UploadFile) => f.path || f.file.webkitRelativePath || f.file.name;
      // A folder (picked or dropped) is read in one order however it came: same folder, same
      // classes, split and results. Loose files keep the order they were given in.
      const foldered = input.some((f) => /[\\/]/.test(pathOf(f)));
      const files = foldered ? [...input].sort((a, b) => comparePaths(pathOf(a), pathOf(b))) : input;
      const clashes = foldersPerClass(files.map(pathOf));
      if (clashes.length) set((s) => ({ messages: [...s.messages, ...clashes.map((c) => ({ id: newId('msg'), file: '', text: en.mergedFolders(c.className, c.folders) }))] }));
      set((s) => ({ progress: { done: s.progress.done, total: s.progress.total + n } }));
      const decoded: (Decoded | undefined)[] = new Array(n);
      let started = 0;
      let committed = 0;

      // Commit finished files in input order, a ready prefix at a time, in one state update.
      let timer: ReturnType<typeof setTimeout> | null = null;
      const scheduleCommit = () => {
        timer ??= setTimeout(() => {
          timer = null;
          commitReady();
        }, COMMIT_EVERY_MS);
      };
      const commitReady = () => {
        const batch: Decoded[] = [];
        while (committed < n && decoded[committed] && batch.length < COMMIT_AT_MOST) {
          batch.push(decoded[committed]!);
          decoded[committed++] = undefined;
        }
        if (batch.length === 0) return;
        // More ready than one update takes: the rest in the next task, after the page has painted.
        if (committed < n && decoded[committed]) timer ??= setTimeout(() => {
          timer = null;
          commitReady();
        }, 0);
        let discard: string[] = [];
        set((s) => {
          const applied = applyDecoded(s.classes, batch, targetClassId);
          discard = applied.discard;
          const done = s.progress.done + batch.length;
          return {
            classes: applied.classes,
            messages: applied.messages.length ? [...s.messages, ...applied.messages] : s.messages,
            progress: done >= s.progress.total ? { done: 0, total: 0 } : { done, total: s.progress.total },
          };
        });
        for (const url of discard) URL.revokeObjectURL(url);
      };

      const worker = async () => {
        while (started < n) {
          const i = started++;
          const { file, path } = files[i];
          const fullPath = path || file.webkitRelativePath || '';
          const shown = fullPath || file.name;
          let result: DecodeResult;
          try {
            result = await decode(file, side, shown, largeSide);
          } catch (err) {
            // decoding reports failures as results; this only guards against bugs.
            result = { ok: false, message: en.processingFailed(shown, err instanceof Error ? err.message : String(err)) };
          }
          decoded[i] = { shown, name: file.name, className: fullPath ? classFromPath(fullPath) : null, result };
          scheduleCommit();
        }
      };
      await Promise.all(Array.from({ length: Math.min(decodeConcurrency(), n) }, worker));
      // Everything is decoded; what is left (all of it, if the first file was the slowest) goes
      // in batches too, a task apart, so no single update renders hundreds of thumbnails.
      while (committed < n) {
        commitReady();
        if (committed < n) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (timer) clearTimeout(timer);
    };

    return {
      side,
      classes: [],
      messages: [],
      progress: { done: 0, total: 0 },

      addClass: (name) => {
        let chosen = name?.trim();
        if (chosen === undefined) {
          const taken = (k: number) => findByName(get().classes, tUploads.defaultClassName(k));
          let k = get().classes.length + 1;
          while (taken(k)) k++;
          chosen = tUploads.defaultClassName(k);
        }
        const problem = nameProblem(chosen) ?? (get().classes.length >= MAX_CLASSES ? en.tooManyClasses(chosen, MAX_CLASSES) : null);
        if (problem) {
          say(problem);
          return null;
        }
        const id = newId('class');
        set((s) => ({ classes: [...s.classes, { id, name: chosen, images: [] }] }));
        return id;
      },

      renameClass: (id, name) => {
        const chosen = name.trim();
        const problem = nameProblem(chosen, id);
        if (problem) {
          say(problem);
          return false;
        }
        set((s) => ({ classes: s.classes.map((c) => (c.id === id ? { ...c, name: chosen } : c)) }));
        return true;
      },

      deleteClass: (id) => {
        const gone = get().classes.find((c) => c.id === id);
        if (!gone) return;
        set((s) => ({ classes: s.classes.filter((c) => c.id !== id) }));
        revoke(gone.images);
      },

      removeImage: (classId, imageId) => {
        const image = get().classes.find((c) => c.id === classId)?.images.find((im) => im.id === imageId);
        if (!image) return;
        set((s) => ({
          classes: s.classes.map((c) => (c.id === classId ? { ...c, images: c.images.filter((im) => im.id !== imageId) } : c)),
        }));
        revoke([image]);
      },

      addFiles,

      addDrop: async (dataTransfer, targetClassId) => {
        const files = await filesFromDrop(dataTransfer, (path, reason) =>
          set((s) => ({ messages: [...s.messages, { id: newId('msg'), file: path, text: en.unreadable(path, reason) }] })),
        );
        await addFiles(files, targetClassId);
      },

      dismissMessage: (id) => set((s) => ({ messages: s.messages.filter((m) => m.id !== id) })),
      clearMessages: () => set({ messages: [] }),
      restore: async (stored) => {
        const classes: UploadClass[] = [];
        for (const c of stored) {
          const images: UploadImage[] = [];
          for (const image of c.images) {
            const thumbnailUrl = image.pixelsLarge && largeSide ? await thumbnailFromPixels(image.pixelsLarge, largeSide) : await thumbnailFromPixels(image.pixels, side);
            images.push({ id: newId('img'), name: image.name, hash: image.hash, pixels: image.pixels, pixelsLarge: image.pixelsLarge, thumbnailUrl });
          }
          classes.push({ id: newId('class'), name: c.name, images });
        }
        revoke(get().classes.flatMap((c) => c.images));
        set({ classes });
      },
    };
  });
}

/** The app's upload store, at the built-in models' input size. */
export const useUploadStore = createUploadStore();
