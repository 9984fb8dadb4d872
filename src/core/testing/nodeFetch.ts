import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchBytes } from '../data/datasetRef';

/** Reads the app's public/ folder from disk, standing in for `fetch` in Node tests and scripts. */
export const publicFolderFetch: FetchBytes = async (path) => {
  const b = readFileSync(join(process.cwd(), 'public', path));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/**
 * Google's MobileNet v1 0.25 (layers format) for tests only: it is never copied into the repo.
 * MOBILENET_DIR overrides; otherwise ../shared/models next to the checkout, then /work/shared.
 */
export function mobilenetTestDir(): string {
  const candidates = [
    process.env.MOBILENET_DIR,
    join(process.cwd(), '..', 'shared', 'models', 'mobilenet_v1_0.25_224'),
    '/work/shared/models/mobilenet_v1_0.25_224',
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(join(p, 'model.json')));
  if (!found)
    throw new Error(
      `MobileNet test model not found (looked in ${candidates.join(', ')}); set MOBILENET_DIR to a folder with model.json and its weight files.`,
    );
  return found;
}

/** The test MobileNet's files as the page would hand them to the engine. */
export function mobilenetTestFiles(): { modelJson: string; weights: Record<string, ArrayBuffer> } {
  const dir = mobilenetTestDir();
  const modelJson = readFileSync(join(dir, 'model.json'), 'utf8');
  const weights: Record<string, ArrayBuffer> = {};
  for (const name of readdirSync(dir)) {
    if (name === 'model.json') continue;
    const b = readFileSync(join(dir, name));
    weights[name] = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  return { modelJson, weights };
}
