import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchBytes } from '../data/datasetRef';

/** Reads the app's public/ folder from disk, standing in for `fetch` in Node tests and scripts. */
export const publicFolderFetch: FetchBytes = async (path) => {
  const b = readFileSync(join(process.cwd(), 'public', path));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
