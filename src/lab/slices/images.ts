import { z } from 'zod';
import { useUploadStore } from '../uploads/uploadStore';
import type { StoredClass } from '../uploads/uploadTypes';
import { ImagesSchema } from '../persist/storedSchemas';
import { msg } from '../../core/messages';
import type { DocumentSlice } from '../document';

/**
 * The user's own images. A saved experiment keeps their bytes beside the record (persist/imageStore.ts,
 * written by autosave in chunks); a bundle carries them as PNG files in image folders, which come
 * back through the upload pipeline (sniffed, size-checked, reported on) like any dropped file.
 * Links never carry them.
 */
export type ImagesValue = { classes: StoredClass[] } | { files: { className: string; name: string; file: File }[] };

const BundleFilesSchema = z.strictObject({
  files: z.array(z.strictObject({ className: z.string(), name: z.string(), file: z.instanceof(File) })),
});

/** The image classes in a document's `images` field as the lab snapshots it (none if it holds files or nothing). */
export const classesIn = (value: unknown): StoredClass[] =>
  value && typeof value === 'object' && 'classes' in value ? (value as { classes: StoredClass[] }).classes : [];

/** The classes on show as storage and bundles keep them: names, hashes and pixel bytes (no ids, no object URLs). */
export const storedClasses = (): StoredClass[] =>
  useUploadStore.getState().classes.map((c) => ({
    name: c.name,
    images: c.images.map(({ name, hash, pixels, pixelsLarge }) => ({ name, hash, pixels, pixelsLarge })),
  }));

export const imagesSlice: DocumentSlice<ImagesValue> = {
  id: 'images',
  in: ['record', 'bundle'],
  // A record's field is the stored image set as imageStore assembles it (`{ experimentId, classes }`).
  schema: z.union([ImagesSchema.transform(({ classes }) => ({ classes })), BundleFilesSchema]),
  apart: true,
  unreadable: msg('msg.storedImagesUnreadable'),
  // (Autosave writes a record's images with storedClasses() itself, as they change.)
  snapshot: () => ({ classes: storedClasses() }),
  restore: (value) =>
    'classes' in value
      ? useUploadStore.getState().restore(value.classes)
      : useUploadStore.getState().addFiles(value.files.map((i) => ({ file: i.file, path: `${i.className}/${i.name}` }))),
  clear: () => useUploadStore.getState().restore([]),
};
