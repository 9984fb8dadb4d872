import { z } from 'zod';
import { BoardSchema, EMPTY_BOARD, type Board } from '../../core/classBoard/board';
import { useBoardStore } from '../boardStore';
import type { DocumentSlice } from '../document';
import { codeText, msg } from '../../core/messages';

/**
 * A saved experiment keeps its board as JSON text: IndexedDB clones one string in a millisecond,
 * where two hundred students' curves as objects held the page for ~70 ms on every save. A bundle
 * carries it as an object in its manifest. Either way it is checked by the board's schema.
 */
const StoredBoard = z.union([
  BoardSchema,
  z
    .string()
    .max(50_000_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: codeText('msg.boardUnreadable') });
        return z.NEVER;
      }
    })
    .pipe(BoardSchema),
]);

/** The class board: saved with the experiment and carried by its bundle (links are one student's result each). */
export const boardSlice: DocumentSlice<Board | string> = {
  id: 'board',
  in: ['record', 'bundle'],
  schema: StoredBoard,
  unreadable: msg('msg.boardUnreadable'),
  snapshot(to) {
    const board = useBoardStore.getState().board;
    if (!board.students.length && !board.refused.length) return null;
    return to === 'record' ? JSON.stringify(board) : board;
  },
  // The schema has turned stored text back into a board.
  restore: (board) => useBoardStore.getState().restore(typeof board === 'string' ? EMPTY_BOARD : board),
  clear: () => useBoardStore.getState().restore(EMPTY_BOARD),
  watch: (changed) => useBoardStore.subscribe((s, prev) => s.board !== prev.board && changed()),
};
