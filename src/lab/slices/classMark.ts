import { ClassMarkSchema, type ClassMark } from '../../core/classBoard/classMark';
import { useExperimentStore } from '../experimentStore';
import { studentMark, useClassStore } from '../classStore';
import type { DocumentSlice } from '../document';

/**
 * A class link's mark, or a student's result mark (core/classBoard/classMark.ts). Opening a class
 * link puts the lab in the student's seat (take a seed, train, send the result link); a result
 * link says whose result is on show. A link or bundle made now carries the student's mark when
 * the lab holds the class's experiment on their seed.
 */
export const classMarkSlice: DocumentSlice<ClassMark> = {
  id: 'class',
  in: ['link', 'bundle'],
  schema: ClassMarkSchema,
  snapshot: () => studentMark(useExperimentStore.getState().config),
  restore(mark, ctx) {
    if (mark.kind === 'class') useClassStore.getState().join(ctx.config);
    else useClassStore.getState().showResultOf(mark.student);
  },
};
