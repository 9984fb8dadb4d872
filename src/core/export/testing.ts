import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Node-only helpers for the export tests (never imported by the app): a Python that has PyTorch,
 * and the exported files written to a folder.
 */

let found: string | null | undefined;

/**
 * The first interpreter that imports torch and numpy: $PYTHON, then python3 on the PATH, then
 * Debian's /usr/bin/python3 (a pyenv or venv python3 may shadow the one python3-torch is for).
 */
export function findPython(): string | null {
  if (found !== undefined) return found;
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3', 'python'].filter((c): c is string => !!c);
  found = candidates.find((py) => spawnSync(py, ['-c', 'import torch, numpy'], { encoding: 'utf8', timeout: 60_000 }).status === 0) ?? null;
  return found;
}

export function runPython(
  py: string,
  args: string[],
  cwd: string,
  timeoutMs = 120_000,
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  return spawnSync(py, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 });
}

export function writeFiles(dir: string, files: Readonly<Record<string, Uint8Array>>): void {
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
}
