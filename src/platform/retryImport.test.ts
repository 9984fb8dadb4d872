import { describe, expect, it } from 'vitest';
import { IMPORT_ATTEMPTS, retryImport } from './retryImport';

/** A loader that fails its first `failures` calls, counting them all. */
function flaky(failures: number) {
  let calls = 0;
  const load = async () => {
    calls += 1;
    if (calls <= failures) throw new TypeError('Importing a module script failed.');
    return { default: 'panel' };
  };
  return { load, calls: () => calls };
}

describe('retryImport', () => {
  it('asks again after a failed load and returns what the next one loads', async () => {
    const l = flaky(IMPORT_ATTEMPTS - 1);
    await expect(retryImport(l.load, 1)).resolves.toEqual({ default: 'panel' });
    expect(l.calls()).toBe(IMPORT_ATTEMPTS);
  });

  it('gives up with the last error after every attempt failed', async () => {
    const l = flaky(IMPORT_ATTEMPTS);
    await expect(retryImport(l.load, 1)).rejects.toThrow('Importing a module script failed.');
    expect(l.calls()).toBe(IMPORT_ATTEMPTS);
  });

  it('loads once when the first load works', async () => {
    const l = flaky(0);
    await retryImport(l.load, 1);
    expect(l.calls()).toBe(1);
  });
});
