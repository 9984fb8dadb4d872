import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../core/config/experiment';
import { PRESETS } from '../core/presets';
import { openBundle, writeBundle } from '../core/bundle/bundle';
import { openShareText, Text, type SharedResults } from '../core/share/link';
import { msg } from '../core/messages';
import { useExperimentStore } from './experimentStore';
import { useRunStore } from './runStore';
import { useShareStore } from './shareStore';
import { applyRecord } from './persist/applyRecord';
import { recordNow } from './persist/records';
import {
  isRestoring,
  openedDocument,
  readDocument,
  registerSlice,
  restoreDocument,
  slicesIn,
  snapshotDocument,
  type DocumentSlice,
} from '.';

/**
 * The seam: a new persisted analysis is one slice and one registration. IndexedDB is not in Node
 * (and no fake is used in this repo), so a saved record is made and applied as persistence does
 * it, through a structured clone as IndexedDB stores it; e2e/ covers the database itself.
 */

const preset = (id: keyof typeof PRESETS) => {
  const p = parseConfig(PRESETS[id]);
  if (!p.ok) throw new Error(p.error.code);
  return p.config;
};
const shortcut = preset('shortcut');
const forgetting = preset('forgetting');

const RESULTS: SharedResults = {
  budget: { epochs: 1, steps: 5, examples: 80 },
  classNames: ['circle', 'square'],
  runs: [
    {
      id: 'transfer',
      kind: 'transfer',
      name: msg('msg.detail', 'Transfer'),
      color: '#2563eb',
      status: 'done',
      epochs: [
        {
          epoch: 1,
          examplesSeen: 80,
          trainLoss: 0.4,
          trainAccuracy: 0.9,
          valLoss: 0.5,
          valAccuracy: 0.85,
          shiftedAccuracy: null,
          sourceAccuracy: null,
          wallMs: 10,
        },
      ],
    },
  ],
};

/** A test-only analysis: a note with a count, held outside any store. */
const NoteSchema = z.strictObject({ text: Text(80), count: z.number().int().min(0).max(100) });
type Note = z.infer<typeof NoteSchema>;
let note: Note | null = null;
let restoredQuietly: boolean | null = null;
const noteSlice = (kinds: DocumentSlice<Note>['in']): DocumentSlice<Note> => ({
  id: 'testNote',
  in: kinds,
  schema: NoteSchema,
  snapshot: () => note,
  restore(value) {
    restoredQuietly = isRestoring();
    note = value;
  },
  clear: () => void (note = null),
});

// The run store tells the engine to stop when it resets; no engine here, so its worker hears nothing.
class SilentWorker {
  postMessage() {}
  addEventListener() {}
  removeEventListener() {}
  terminate() {}
}
beforeAll(() => vi.stubGlobal('Worker', SilentWorker));

let unregister: (() => void) | null = null;
afterEach(() => {
  unregister?.();
  unregister = null;
  note = null;
  useRunStore.getState().reset();
});

describe('the lab as one document', () => {
  it('a test-only slice round-trips through a saved record (one file, one registration line)', async () => {
    unregister = registerSlice(noteSlice(['record']));
    useExperimentStore.getState().setConfig(shortcut);
    note = { text: 'circles are easy', count: 3 };
    // As IndexedDB stores it: a structured clone.
    const stored = structuredClone(recordNow('exp-test', 1, 'test'));
    expect(stored.testNote).toEqual({ text: 'circles are easy', count: 3 });

    note = { text: 'changed since', count: 9 };
    useExperimentStore.getState().setConfig(forgetting);
    expect(await applyRecord(stored, undefined)).toEqual({ ok: true, problem: null });
    expect(note).toEqual({ text: 'circles are easy', count: 3 });
    expect(useExperimentStore.getState().config).toEqual(shortcut);
    // Put back as a restore, so autosave does not save it straight back.
    expect(restoredQuietly).toBe(true);
    expect(isRestoring()).toBe(false);
  });

  it('records without the new slice (older labs) clear it; a tampered one is refused alone, the rest is used', async () => {
    unregister = registerSlice(noteSlice(['record']));
    const stored = structuredClone(recordNow('exp-test', 1, 'test'));
    const older = { ...stored };
    delete older.testNote;
    note = { text: 'left over', count: 1 };
    expect((await applyRecord(older, undefined)).ok).toBe(true);
    expect(note).toBeNull();

    note = { text: 'left over', count: 1 };
    useExperimentStore.getState().setConfig(forgetting);
    expect((await applyRecord({ ...stored, config: shortcut, testNote: { text: '<img onerror=x>', count: 1 } }, undefined)).ok).toBe(true);
    expect(note).toBeNull();
    expect(useExperimentStore.getState().config).toEqual(shortcut);
  });

  it('records keep the field names of every earlier version (records written before the registry still load)', async () => {
    useExperimentStore.getState().setConfig(shortcut);
    const record = recordNow('exp-test', 1, 'test');
    expect(Object.keys(record).sort()).toEqual([
      'board',
      'classSeat',
      'config',
      'createdAt',
      'fusion',
      'id',
      'name',
      'results',
      'selection',
      'study',
      'updatedAt',
    ]);
    // A record as the lab wrote it before selection and fusion were saved, with results.
    const old = { id: 'exp-old', name: 'old', createdAt: 1, updatedAt: 2, config: PRESETS.shortcut, results: RESULTS, study: null };
    useExperimentStore.getState().setConfig(forgetting);
    expect(await applyRecord(old, undefined)).toEqual({ ok: true, problem: null });
    expect(useExperimentStore.getState().config).toEqual(shortcut);
    expect(
      useRunStore
        .getState()
        .snapshot()
        ?.runs.map((r) => r.id),
    ).toEqual(['transfer']);
    // An unusable config refuses the record whole, with its reason as a message code.
    const refused = await applyRecord({ ...old, config: { ...shortcut, evil: 1 } }, undefined);
    expect(refused.ok).toBe(false);
    expect(refused.problem?.code).toMatch(/^(err|msg)\./);
  });

  it('links carry { config, results, class } only: a slice asking for a link (or a bundle) is refused at registration, so say so', () => {
    expect(() => registerSlice(noteSlice(['record', 'link']))).toThrow(/link codec cannot carry slice testNote/);
    expect(() => registerSlice(noteSlice(['bundle']))).toThrow(/bundle codec cannot carry slice testNote/);
    expect(slicesIn('link').map((s) => s.id)).toEqual(['config', 'results', 'class']);
    expect(slicesIn('bundle').map((s) => s.id)).toEqual(['config', 'results', 'images', 'class', 'board']);
  });

  it('a link made from the link document opens back into the same config and results (real link codec)', () => {
    useExperimentStore.getState().setConfig(shortcut);
    useRunStore.getState().showShared(RESULTS, shortcut);
    const { url, withResults } = useShareStore.getState().make();
    expect(withResults).toBe(true);
    const opened = openShareText(new URLSearchParams(url.split('#')[1]).get('x')!);
    expect(opened.ok && opened.share.results).toEqual(RESULTS);

    useRunStore.getState().reset();
    useExperimentStore.getState().setConfig(forgetting);
    expect(useShareStore.getState().openFromHash(`#${url.split('#')[1]}`)).toBe(true);
    expect(useShareStore.getState().notice).toMatchObject({ kind: 'opened', withResults: true });
    expect(useExperimentStore.getState().config).toEqual(shortcut);
    expect(useRunStore.getState().snapshot()).toEqual(RESULTS);
  });

  it('a bundle written from the bundle document opens back into the same config and results (real bundle codec)', async () => {
    useExperimentStore.getState().setConfig(shortcut);
    useRunStore.getState().showShared(RESULTS, shortcut);
    const doc = snapshotDocument('bundle');
    expect(doc.images).toEqual({ classes: [] });
    const opened = openBundle(writeBundle(doc.config, (doc.results as SharedResults | undefined) ?? null, []));
    if (!opened.ok) throw new Error(opened.code);

    useRunStore.getState().reset();
    useExperimentStore.getState().setConfig(forgetting);
    const read = readDocument('bundle', { config: opened.bundle.config, results: opened.bundle.results });
    if (!read.ok) throw new Error('refused');
    await restoreDocument('bundle', read);
    expect(useExperimentStore.getState().config).toEqual(shortcut);
    expect(useRunStore.getState().snapshot()).toEqual(RESULTS);
  });

  it('what a codec opened is put back as it is: the slices do not check a link or a bundle a second time on the page', async () => {
    const schemas = slicesIn('bundle').map((s) => vi.spyOn(s.schema, 'safeParse'));
    try {
      useExperimentStore.getState().setConfig(shortcut);
      useRunStore.getState().showShared(RESULTS, shortcut);
      const opened = openBundle(writeBundle(shortcut, RESULTS, []));
      if (!opened.ok) throw new Error(opened.code);
      useRunStore.getState().reset();
      useExperimentStore.getState().setConfig(forgetting);
      const read = openedDocument('bundle', { config: opened.bundle.config, results: opened.bundle.results, evil: 1 });
      // The same values readDocument would give, and nothing no slice of a bundle carries.
      const reread = readDocument('bundle', { config: opened.bundle.config, results: opened.bundle.results });
      expect(reread.ok && [...reread.values]).toEqual([...read.values]);
      expect(schemas[0]).toHaveBeenCalled();
      for (const schema of schemas) schema.mockClear();
      await restoreDocument('bundle', read);
      expect(useExperimentStore.getState().config).toEqual(shortcut);
      expect(useRunStore.getState().snapshot()).toEqual(RESULTS);

      // A link without results leaves the results field out, as readDocument does.
      expect([...openedDocument('link', { config: shortcut, results: null }).values.keys()]).toEqual(['config']);
      for (const schema of schemas) expect(schema).not.toHaveBeenCalled();
    } finally {
      for (const schema of schemas) schema.mockRestore();
    }
  });
});
