import { z } from 'zod';
import { LARGE_SIDE, INPUT_SIDE } from '../../core/models/inputSpec';
import { SharedStudySchema } from '../../core/share/link';
import { codeText } from '../../core/messages';
import { MAX_CLASSES } from '../uploads/uploadStore';

/** The parts of a stored experiment that are not a link's: validated like one when they come back (an older lab, a hand edit). */

/** A stored study: the shared-study snapshot plus the config it varied. */
export const StudySchema = SharedStudySchema.extend({ config: z.unknown() });

export const ImagesSchema = z.strictObject({
  experimentId: z.string(),
  classes: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        images: z.array(
          z.strictObject({
            name: z.string().max(500),
            hash: z.string().max(128),
            pixels: z.instanceof(Uint8Array).refine((p) => p.length === INPUT_SIDE * INPUT_SIDE * 3, codeText('err.zod.pixelSize')),
            pixelsLarge: z.instanceof(Uint8Array).refine((p) => p.length === LARGE_SIDE * LARGE_SIDE * 3, codeText('err.zod.pixelSize')).nullable(),
          }),
        ),
      }),
    )
    .max(MAX_CLASSES),
});

export const ModelSchema = z.strictObject({
  experimentId: z.string(),
  files: z.array(z.strictObject({ name: z.string().min(1).max(300), bytes: z.instanceof(Uint8Array) })).min(1).max(200),
});
