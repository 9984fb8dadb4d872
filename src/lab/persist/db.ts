import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The lab's IndexedDB: saved experiments (config, results, study), the user's images per
 * experiment (bytes, never object URLs) and which experiment is current. Every failure becomes a
 * `StorageProblem` code the UI says out loud: storage refused (private browsing, disabled), full,
 * or an upgrade blocked by another tab. Nothing here is silent.
 */

export const DB_NAME = 'transfer-lab';
const DB_VERSION = 1;

export interface StoredExperiment {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** Validated again on load (it may be from an older version of the lab, or tampered with). */
  config: unknown;
  results: unknown;
  study: unknown;
  /** The model-selection table and the fusion lab's results (absent in records of older versions). */
  selection?: unknown;
  fusion?: unknown;
  /** Any other slice a saved experiment holds (src/lab/slices): a new one needs no change here. */
  [slice: string]: unknown;
}

/** One stored image (its bytes at both sizes) and the class it belongs to. */
export interface StoredImage {
  name: string;
  hash: string;
  pixels: Uint8Array;
  pixelsLarge: Uint8Array | null;
}

/** The user's images of one experiment, assembled (see imageStore.ts for how they are kept). */
export interface StoredImages {
  experimentId: string;
  classes: { name: string; images: StoredImage[] }[];
}

/** The images' manifest: class names and sizes, and which generation of chunks holds them. */
export interface StoredImageManifest {
  experimentId: string;
  generation: number;
  classes: { name: string; count: number }[];
}

/** A few images' bytes, in class order; chunks keep every write (a structured clone) small. */
export interface StoredImageChunk {
  key: string;
  experimentId: string;
  generation: number;
  index: number;
  images: (StoredImage & { classIndex: number })[];
}

/** An own model loaded from local files: the files themselves, to load it again after a reload. */
export interface StoredModel {
  experimentId: string;
  files: { name: string; bytes: Uint8Array }[];
}

interface LabDb extends DBSchema {
  experiments: { key: string; value: StoredExperiment };
  images: { key: string; value: StoredImageManifest };
  imageChunks: { key: string; value: StoredImageChunk; indexes: { experimentId: string } };
  models: { key: string; value: StoredModel };
  meta: { key: string; value: { key: string; value: string } };
}

export type StorageProblem = 'unavailable' | 'quota' | 'blocked' | 'write-failed' | 'corrupt';

export class StorageError extends Error {
  constructor(
    readonly problem: StorageProblem,
    detail: string,
  ) {
    super(detail);
    this.name = 'StorageError';
  }
}

/** Test hook: the next write fails as the browser would when storage is full. */
export const storageFaults = { nextWrite: null as null | 'QuotaExceededError' };

const problemOf = (err: unknown): StorageProblem => {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'QuotaExceededError') return 'quota';
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') return 'unavailable';
  return 'write-failed';
};

let db: Promise<IDBPDatabase<LabDb>> | null = null;

export function openLabDb(onBlocked: () => void = () => {}): Promise<IDBPDatabase<LabDb>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new StorageError('unavailable', 'IndexedDB'));
  db ??= openDB<LabDb>(DB_NAME, DB_VERSION, {
    upgrade(d) {
      if (!d.objectStoreNames.contains('experiments')) d.createObjectStore('experiments', { keyPath: 'id' });
      if (!d.objectStoreNames.contains('images')) d.createObjectStore('images', { keyPath: 'experimentId' });
      if (!d.objectStoreNames.contains('models')) d.createObjectStore('models', { keyPath: 'experimentId' });
      if (!d.objectStoreNames.contains('imageChunks'))
        d.createObjectStore('imageChunks', { keyPath: 'key' }).createIndex('experimentId', 'experimentId');
      if (!d.objectStoreNames.contains('meta')) d.createObjectStore('meta', { keyPath: 'key' });
    },
    // Another tab holds an older version open: say so rather than wait forever.
    blocked: onBlocked,
    // A newer tab wants to upgrade: let it, this tab reopens on its next write.
    blocking() {
      void db?.then((d) => d.close());
      db = null;
    },
  }).catch((err: unknown) => {
    db = null;
    throw new StorageError('unavailable', err instanceof Error ? err.message : String(err));
  });
  return db;
}

/** Runs one write, turning the browser's errors (and the test fault) into StorageErrors. */
export async function write<T>(run: (d: IDBPDatabase<LabDb>) => Promise<T>): Promise<T> {
  const d = await openLabDb();
  if (storageFaults.nextWrite) {
    const name = storageFaults.nextWrite;
    storageFaults.nextWrite = null;
    throw new StorageError('quota', name); // the problem's own sentence says what happened; the detail is which store
  }
  try {
    return await run(d);
  } catch (err) {
    throw new StorageError(problemOf(err), err instanceof Error ? err.message : String(err));
  }
}

export async function read<T>(run: (d: IDBPDatabase<LabDb>) => Promise<T>): Promise<T> {
  const d = await openLabDb();
  try {
    return await run(d);
  } catch (err) {
    throw new StorageError('unavailable', err instanceof Error ? err.message : String(err));
  }
}
