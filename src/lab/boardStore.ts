import { create } from 'zustand';
import { admit, candidateOf, EMPTY_BOARD, type Board, type Candidate, type Origin } from '../core/classBoard/board';
import { findShareTexts } from '../core/classBoard/findLinks';
import { zipJobs } from '../platform/zip/zipThread';
import { openLinks } from '../platform/linksThread';
import { toText } from '../core/share/text';

/**
 * The class board's results (core/classBoard/board.ts) and the adding of more: links pasted or
 * dropped as text, bundle files, QR codes read by the webcam. Links are opened in a worker
 * (platform/linksThread.ts), so pasting a whole class never holds the page; the board changes once, at the end.
 */

/** Bundles over this size are not a student's result (a result bundle is a few kilobytes without images). */
const MAX_RESULT_BUNDLE_BYTES = 64 * 1024 * 1024;

export interface AddOutcome {
  added: number;
  refused: number;
  /** Text that held no link at all (nothing to list: a paste of plain words). */
  empty: boolean;
}

interface BoardState {
  board: Board;
  /** Links opened so far of those being added, or null when idle. */
  adding: { done: number; total: number } | null;
  last: AddOutcome | null;
  /** Links in any text: one per line, several per line, or mixed with other words. */
  addText(text: string, via?: 'paste' | 'qr'): Promise<AddOutcome>;
  /** Text files of links and result bundles (.zip), each by its name. */
  addFiles(files: readonly File[]): Promise<AddOutcome>;
  remove(seed: number): void;
  clear(): void;
  /** Put back a saved board (or none). */
  restore(board: Board): void;
}

export const useBoardStore = create<BoardState>()((set, get) => {
  const finish = (candidates: Candidate[], empty: boolean): AddOutcome => {
    const before = get().board;
    const board = admit(before, candidates);
    const added = board.students.length - before.students.length;
    const outcome = { added, refused: candidates.length - added, empty };
    set({ board, adding: null, last: outcome });
    return outcome;
  };
  return {
    board: EMPTY_BOARD,
    adding: null,
    last: null,
    async addText(text, via = 'paste') {
      const found = findShareTexts(text).map((f) => ({
        text: f.text,
        from: (via === 'qr' ? { via } : { via, line: f.line }) satisfies Origin,
      }));
      set({ adding: { done: 0, total: found.length } });
      const candidates = await openLinks(found, (done) => set({ adding: { done, total: found.length } }));
      return finish(candidates, found.length === 0);
    },
    async addFiles(files) {
      const candidates: Candidate[] = [];
      set({ adding: { done: 0, total: files.length } });
      for (const [i, file] of files.entries()) {
        // A file's name is only ever shown as text, and the saved board must take it back (Text(120)).
        const fromFile: Origin = { via: 'file', file: toText(file.name, 120) };
        if (/\.zip$/i.test(file.name) || file.type === 'application/zip') {
          if (file.size > MAX_RESULT_BUNDLE_BYTES) candidates.push({ from: fromFile, ok: false, code: 'file-too-large' });
          else {
            // Read and checked in the zip worker, as any bundle is (manifest, config, results, class mark).
            const opened = await (await zipJobs()).open(file).catch(() => null);
            if (!opened) candidates.push({ from: fromFile, ok: false, code: 'unreadable' });
            else if (!opened.ok) candidates.push({ from: fromFile, ok: false, code: opened.code });
            else candidates.push(candidateOf(opened.bundle, fromFile));
          }
        } else {
          const text = await file.text().catch(() => null);
          const found = text === null ? [] : findShareTexts(text).map((f) => ({ text: f.text, from: { ...fromFile, line: f.line } }));
          if (text === null || !found.length)
            candidates.push({ from: fromFile, ok: false, code: text === null ? 'unreadable' : 'no-links' });
          else candidates.push(...(await openLinks(found, () => {})));
        }
        set({ adding: { done: i + 1, total: files.length } });
      }
      return finish(candidates, false);
    },
    remove(seed) {
      const board = get().board;
      set({ board: { ...board, students: board.students.filter((s) => s.seed !== seed) } });
    },
    clear() {
      set({ board: EMPTY_BOARD, last: null });
    },
    restore(board) {
      set({ board, last: null });
    },
  };
});
