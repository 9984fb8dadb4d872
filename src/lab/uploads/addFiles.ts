import type { StoreApi } from 'zustand';
import type { DecodeResult } from '../../platform/decode/decodeImages';
import { decodeConcurrency, type Decode } from '../../platform/decode/decodePool';
import { classFromPath, comparePaths, foldersPerClass } from './folderPaths';
import { applyDecoded, type Decoded } from './applyDecoded';
import { newId } from './newId';
import type { UploadFile } from './uploadTypes';
import type { UploadState } from './uploadTypes';
import { codes } from '../../i18n';

/** Messages are codes the panel words. */
const en = codes('uploads');

type SetUploads = StoreApi<UploadState>['setState'];

/**
 * Decoded files reach the store at most this often: each commit re-renders what shows the
 * classes, so committing per file made adding N images cost N × (number of classes).
 */
const COMMIT_EVERY_MS = 150;
/** At most this many files per state update: each renders its thumbnails, and a task must stay short. */
export const COMMIT_AT_MOST = 32;

const pathOf = (f: UploadFile) => f.path || f.file.webkitRelativePath || f.file.name;

/**
 * A folder (picked or dropped) is read in one order however it came: same folder, same classes,
 * split and results. Loose files keep the order they were given in.
 */
function readingOrder(input: readonly UploadFile[]): readonly UploadFile[] {
  const foldered = input.some((f) => /[\\/]/.test(pathOf(f)));
  return foldered ? [...input].sort((a, b) => comparePaths(pathOf(a), pathOf(b))) : input;
}

/** Commits decoded files to the store in input order, a ready prefix at a time, in one state update each. */
function createCommitter(set: SetUploads, n: number, targetClassId: string | undefined) {
  const decoded: (Decoded | undefined)[] = new Array(n);
  let committed = 0;
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
    if (committed < n && decoded[committed])
      timer ??= setTimeout(() => {
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
  return {
    /** File `i` is decoded: it goes in with the next commit that reaches it. */
    add(i: number, file: Decoded) {
      decoded[i] = file;
      scheduleCommit();
    },
    /**
     * Everything is decoded; what is left (all of it, if the first file was the slowest) goes in
     * batches too, a task apart, so no single update renders hundreds of thumbnails.
     */
    async drain() {
      while (committed < n) {
        commitReady();
        if (committed < n) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (timer) clearTimeout(timer);
    },
  };
}

/** Decodes every file, `decodeConcurrency()` at a time, handing each one to `done` as it finishes. */
async function decodeAll(
  files: readonly UploadFile[],
  side: number,
  largeSide: number | null,
  decode: Decode,
  done: (i: number, file: Decoded) => void,
): Promise<void> {
  const n = files.length;
  let started = 0;
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
      done(i, { shown, name: file.name, className: fullPath ? classFromPath(fullPath) : null, result });
    }
  };
  await Promise.all(Array.from({ length: Math.min(decodeConcurrency(), n) }, worker));
}

/** The store's addFiles action, for images of `side` (and `largeSide`) pixels. */
export function createAddFiles(set: SetUploads, side: number, largeSide: number | null, decode: Decode) {
  return async (input: readonly UploadFile[], targetClassId?: string): Promise<void> => {
    const n = input.length;
    if (n === 0) return;
    const files = readingOrder(input);
    const clashes = foldersPerClass(files.map(pathOf));
    if (clashes.length)
      set((s) => ({
        messages: [...s.messages, ...clashes.map((c) => ({ id: newId('msg'), file: '', text: en.mergedFolders(c.className, c.folders) }))],
      }));
    set((s) => ({ progress: { done: s.progress.done, total: s.progress.total + n } }));
    const commits = createCommitter(set, n, targetClassId);
    await decodeAll(files, side, largeSide, decode, commits.add);
    await commits.drain();
  };
}
