import { z } from 'zod';
import { issueMsg } from '../config/validation';
import { codeText, coded } from '../messages';

/**
 * Teachable Machine's image-model export is model.json + weights.bin + metadata.json; the class
 * labels live only in metadata.json. Parsed like any outside file: bounded, unknown keys ignored.
 */
export const TeachableMetadataSchema = z.looseObject({
  labels: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(1000)
    .refine((l) => new Set(l).size === l.length, { message: codeText('err.zod.labelsDistinct') }),
  imageSize: z.number().int().positive().max(1024).optional(),
  modelName: z.string().max(200).optional(),
  packageName: z.string().max(200).optional(),
});
export type TeachableMetadata = z.infer<typeof TeachableMetadataSchema>;

export function parseTeachableMetadata(text: string): TeachableMetadata {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw coded('err.teachable.notJson');
  }
  const r = TeachableMetadataSchema.safeParse(json);
  if (!r.success) throw coded('err.teachable.invalid', issueMsg(r.error));
  return r.data;
}
