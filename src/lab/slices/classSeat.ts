import { z } from 'zod';
import { SEED_LIMIT } from '../../core/config/experiment';
import { NICKNAME_MAX } from '../../core/classBoard/classMark';
import { Text } from '../../core/share/text';
import { useClassStore, type JoinedClass } from '../classStore';
import type { DocumentSlice } from '../document';

/**
 * A student's seat survives a reload: the saved experiment keeps the class it joined, the seed it
 * took and the nickname, so the result link made after the reload still says whose it is.
 */
const JoinedSchema = z.strictObject({
  fingerprint: z.string().regex(/^[a-z0-9]{1,40}$/),
  seed: z
    .number()
    .int()
    .min(0)
    .max(SEED_LIMIT - 1)
    .nullable(),
  nickname: Text(NICKNAME_MAX).nullable(),
});

export const classSeatSlice: DocumentSlice<JoinedClass> = {
  id: 'classSeat',
  in: ['record'],
  schema: JoinedSchema,
  snapshot: () => useClassStore.getState().joined,
  restore: (joined) => useClassStore.setState({ joined }),
  clear: () => useClassStore.setState({ joined: null }),
  watch: (changed) => useClassStore.subscribe((s, prev) => s.joined !== prev.joined && changed()),
};
