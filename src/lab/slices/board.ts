import { BoardSchema, EMPTY_BOARD, type Board } from '../../core/classBoard/board';
import { useBoardStore } from '../boardStore';
import type { DocumentSlice } from '../document';
import { msg } from '../../core/messages';

/** The class board: saved with the experiment and carried by its bundle (links are one student's result each). */
export const boardSlice: DocumentSlice<Board> = {
  id: 'board',
  in: ['record', 'bundle'],
  schema: BoardSchema,
  unreadable: msg('msg.boardUnreadable'),
  snapshot() {
    const board = useBoardStore.getState().board;
    return board.students.length || board.refused.length ? board : null;
  },
  restore: (board) => useBoardStore.getState().restore(board),
  clear: () => useBoardStore.getState().restore(EMPTY_BOARD),
  watch: (changed) => useBoardStore.subscribe((s, prev) => s.board !== prev.board && changed()),
};
