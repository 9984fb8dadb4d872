import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PYTHON_FILES } from './index';

/**
 * The exported Python, linted: pyflakes finds undefined names and unused imports or variables that
 * only a run through that exact code path would otherwise reveal. Debian's pyflakes3 (.ci/run
 * installs it); without it the test fails and says how to get it, as the export's other checks do.
 */
const DIR = fileURLToPath(new URL('./files', import.meta.url));
/** The .py files in the folder (it also holds a .gitattributes). */
const pyFiles = (): string[] =>
  readdirSync(DIR)
    .filter((f) => f.endsWith('.py'))
    .sort();
const INSTALL = 'pyflakes is not installed: apt-get install -y pyflakes3 (Debian/Ubuntu), or pip install pyflakes';

/** The command that runs pyflakes: Debian's pyflakes3, else the module under a python3 that has it. */
function findPyflakes(): string[] | null {
  const candidates = [
    ['pyflakes3'],
    ...[process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p).map((p) => [p, '-m', 'pyflakes']),
  ];
  return (
    candidates.find(([cmd, ...args]) => spawnSync(cmd, [...args, '--version'], { encoding: 'utf8', timeout: 60_000 }).status === 0) ?? null
  );
}

describe('exported Python files', () => {
  it('are exactly the files the project ships', () => {
    expect(pyFiles()).toEqual(Object.keys(PYTHON_FILES).sort());
  });

  it('pass pyflakes', () => {
    const pyflakes = findPyflakes();
    if (!pyflakes) expect.fail(INSTALL);
    const [cmd, ...args] = pyflakes;
    // File names relative to the folder, so each finding reads "train.py:12:5: …".
    const r = spawnSync(cmd, [...args, ...pyFiles()], { cwd: DIR, encoding: 'utf8', timeout: 60_000 });
    expect(`${r.stdout}${r.stderr}`.trim(), pyflakes.join(' ')).toBe('');
    expect(r.status).toBe(0);
  });
});
