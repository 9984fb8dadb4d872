import { z } from 'zod';
import { LARGE_SIDE, INPUT_SIDE } from '../../core/models/inputSpec';
import { codeText } from '../../core/messages';
import { MAX_CLASSES } from '../uploads/uploadStore';

/** The parts of a stored experiment kept beside its record: validated like a link when they come back (an older lab, a hand edit). */

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
            pixelsLarge: z
              .instanceof(Uint8Array)
              .refine((p) => p.length === LARGE_SIDE * LARGE_SIDE * 3, codeText('err.zod.pixelSize'))
              .nullable(),
          }),
        ),
      }),
    )
    .max(MAX_CLASSES),
});

export const ModelSchema = z.strictObject({
  experimentId: z.string(),
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(300), bytes: z.instanceof(Uint8Array) }))
    .min(1)
    .max(200),
});
