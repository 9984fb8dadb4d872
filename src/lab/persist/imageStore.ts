import { read, write, type StoredImage, type StoredImageChunk, type StoredImages } from './db';

/**
 * The user's images in IndexedDB. A put clones its value synchronously on the main thread, so a
 * thousand photos in one record (150 MB at 224×224) would block the page for a long moment: they
 * are written in chunks of a few images, one transaction each, the page free between them. A new
 * set is written as a new generation and only then made current, so a reload half-way through a
 * save still finds the previous set whole.
 */
const CHUNK = 2;

export async function saveImageSet(
  experimentId: string,
  classes: readonly { name: string; images: readonly StoredImage[] }[],
): Promise<void> {
  const generation = Date.now();
  const all = classes.flatMap((c, classIndex) => c.images.map((image) => ({ ...image, classIndex })));
  for (let at = 0, index = 0; at < all.length; at += CHUNK, index++) {
    const chunk: StoredImageChunk = {
      key: `${experimentId}:${generation}:${index}`,
      experimentId,
      generation,
      index,
      images: all.slice(at, at + CHUNK),
    };
    await write((d) => d.put('imageChunks', chunk));
  }
  await write((d) =>
    d.put('images', { experimentId, generation, classes: classes.map((c) => ({ name: c.name, count: c.images.length })) }),
  );
  await deleteChunks(experimentId, (g) => g !== generation);
}

/**
 * The keys of an experiment's chunks with their generation, read from the keys alone: reading the
 * chunks themselves would deserialise every image of every generation in one task (600 ms for
 * 1,000 photos).
 */
async function chunkKeys(experimentId: string): Promise<{ key: string; generation: number; index: number }[]> {
  const keys = await read((d) => d.getAllKeysFromIndex('imageChunks', 'experimentId', experimentId));
  return keys.flatMap((key) => {
    const [generation, index] = String(key)
      .slice(experimentId.length + 1)
      .split(':')
      .map(Number);
    return Number.isFinite(generation) && Number.isFinite(index) ? [{ key: String(key), generation: generation!, index: index! }] : [];
  });
}

async function deleteChunks(experimentId: string, which: (generation: number) => boolean): Promise<void> {
  for (const c of await chunkKeys(experimentId)) if (which(c.generation)) await write((d) => d.delete('imageChunks', c.key));
}

/** The assembled image set of an experiment, or undefined; shapes are checked by the caller's schema. */
export async function loadImageSet(experimentId: string): Promise<StoredImages | undefined> {
  const manifest = await read((d) => d.get('images', experimentId));
  if (!manifest) return undefined;
  const keys = (await chunkKeys(experimentId)).filter((c) => c.generation === manifest.generation).sort((a, b) => a.index - b.index);
  const classes = manifest.classes.map((c) => ({ name: c.name, images: [] as StoredImage[] }));
  // One chunk per read, so each is deserialised in its own task.
  for (const { key } of keys) {
    const chunk = await read((d) => d.get('imageChunks', key));
    if (!chunk || chunk.generation !== manifest.generation) continue;
    for (const { classIndex, ...image } of chunk.images) {
      // A chunk naming a class the manifest does not have is not ours: the whole set is refused by the schema.
      if (!classes[classIndex]) return { experimentId, classes: [{ name: '', images: [] }] };
      classes[classIndex].images.push(image);
    }
  }
  return { experimentId, classes };
}

export async function copyImageSet(from: string, to: string): Promise<void> {
  const set = await loadImageSet(from);
  if (set) await saveImageSet(to, set.classes);
}

export async function deleteImageSet(experimentId: string): Promise<void> {
  await write((d) => d.delete('images', experimentId));
  await deleteChunks(experimentId, () => true);
}
