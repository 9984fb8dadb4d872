/**
 * Every user-facing string of the upload feature, in one place so a translation (zh) can mirror
 * this object key for key. Per-file messages take the file name and return the whole sentence,
 * because word order differs between languages.
 */
const SUPPORTED = 'PNG, JPEG, GIF, WebP or BMP';
/** What kind of file a format is (sniff.ts's FormatFamily), after its name. */
const FAMILY: Record<string, string> = {
  audio: ' audio',
  video: ' video',
  archive: ' archive',
  raw: ' (camera raw)',
  photoshop: ' (Photoshop)',
};

const list = (items: string[]) => new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(items);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const uploadsEn = {
  // Per-file problems.
  emptyFile: (file: string) => `${file}: the file is empty (0 bytes)`,
  notAnImageText: (file: string) => `${file}: not an image (the file contains text)`,
  notAnImageUnknown: (file: string) => `${file}: not an image (unrecognised file format)`,
  /** `family`: '' or one of sniff.ts's FormatFamily. */
  unsupportedFormat: (file: string, format: string, family: string) =>
    `${file}: ${format}${FAMILY[family] ?? ''} is not a supported format — convert it to ${SUPPORTED}`,
  tooManyPixels: (file: string, width: number, height: number, maxMegapixels: number) =>
    `${file}: image too large (${width}×${height} = ${((width * height) / 1e6).toFixed(1)} megapixels; the limit is ${maxMegapixels})`,
  tooManyBytes: (file: string, bytes: number, maxBytes: number) =>
    `${file}: file too large (${Math.round(bytes / 2 ** 20)} MB; the limit is ${Math.round(maxBytes / 2 ** 20)} MB)`,
  corrupt: (file: string) => `${file}: could not be decoded (corrupt or truncated)`,
  unreadable: (file: string, reason: string) => `${file}: could not be read (${reason})`,
  processingFailed: (file: string, reason: string) => `${file}: could not be processed (${reason})`,
  duplicate: (file: string, original: string, className: string) => `${file}: duplicate of ${original} in class "${className}" — skipped`,
  noClass: (file: string) => `${file}: no class to add it to — select a class first, or drop a folder of class folders`,

  // Classes.
  defaultClassName: (n: number) => `Class ${n}`,
  classNameEmpty: () => 'A class name cannot be empty',
  classNameTaken: (name: string) => `There is already a class named "${name}"`,
  tooManyClasses: (name: string, max: number) =>
    `"${name}": Transfer Lab holds at most ${max.toLocaleString('en')} classes — this class was not added`,
  mergedFolders: (className: string, folders: string[]) =>
    `Class "${className}" comes from ${folders.length} folders (${list(folders)}): their images were put into one class. Transfer Lab makes its own training/validation split; drop one folder of class folders (or rename the classes) if that is not what you want.`,

  // Training readiness.
  needTwoClasses: (count: number) => `Training needs at least 2 classes (you have ${count})`,
  tooFewImages: (names: string[], counts: number[], min: number, short = names.map((name, i) => ({ name, count: counts[i] ?? 0 }))) =>
    short.length === 1
      ? `Class "${short[0].name}" has ${plural(short[0].count, 'image', 'images')}; every class needs at least ${min} (at least one for training and one for validation)`
      : `Classes ${list(short.map((c) => `"${c.name}" (${c.count})`))} need at least ${min} images each (at least one for training and one for validation)`,
};

export type UploadMessages = typeof uploadsEn;
