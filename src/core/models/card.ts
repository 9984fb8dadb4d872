import { z } from 'zod';
import { DatasetRefSchema } from '../data/datasetRef';

/** What the lab knows about a built-in source model; written by `npm run pretrain`, shown on its card. */
export const RecipeSchema = z.object({
  epochs: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  optimizer: z.literal('adam'),
  learningRate: z.number().positive(),
  /** cosine: lr × ½(1 + cos(π·epoch/epochs)), per epoch — a calmer finish for the last epochs. */
  schedule: z.enum(['constant', 'cosine']),
  seed: z.number().int(),
  augmentations: z.array(z.string()),
});
export type Recipe = z.infer<typeof RecipeSchema>;

export const ModelCardSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  description: z.string(),
  family: z.literal('small-cnn'),
  sourceDomain: z.string(),
  classNames: z.array(z.string()).min(2),
  train: DatasetRefSchema,
  /** Held-out source images never used in training; `sourceTestAccuracy` is measured on them. */
  test: DatasetRefSchema,
  input: z.object({
    shape: z.tuple([z.literal(32), z.literal(32), z.literal(3)]),
    range: z.tuple([z.literal(0), z.literal(1)]),
    adapter: z.string(),
  }),
  blocks: z.array(z.string()).min(1),
  parameters: z.number().int().positive(),
  multiplyAdds: z.number().int().positive(),
  recipe: RecipeSchema,
  trainImages: z.number().int().positive(),
  testImages: z.number().int().positive(),
  sourceTestAccuracy: z.number().min(0).max(1),
  trainedWith: z.object({ backend: z.string(), tfjs: z.string(), seconds: z.number() }),
  reproduce: z.string(),
});
export type ModelCard = z.infer<typeof ModelCardSchema>;

export const ZooIndexSchema = z.object({
  version: z.literal(1),
  models: z.array(z.object({ id: z.string(), path: z.string(), card: ModelCardSchema })),
});
export type ZooIndex = z.infer<typeof ZooIndexSchema>;
