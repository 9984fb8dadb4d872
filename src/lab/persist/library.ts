import { read, write } from './db';
import { copyImageSet, deleteImageSet } from './imageStore';
import { newId } from './records';
import { toText } from '../../core/share/text';
import type { PersistKit, PersistState } from './persistKit';

/** The list's own actions: renaming, duplicating and deleting saved experiments (the stores on show are not touched). */
export function libraryActions({ set, get, fail, refreshList }: PersistKit): Pick<PersistState, 'rename' | 'duplicate' | 'remove'> {
  return {
    async rename(id, name) {
      const clean = toText(name, 120);
      if (!clean) return;
      try {
        const record = await read((d) => d.get('experiments', id));
        if (record) await write((d) => d.put('experiments', { ...record, name: clean, updatedAt: Date.now() }));
        await refreshList();
      } catch (err) {
        fail(err);
      }
    },
    async duplicate(id) {
      try {
        const record = await read((d) => d.get('experiments', id));
        if (!record) return;
        const model = await read((d) => d.get('models', id));
        const copy = { ...record, id: newId(), name: `${record.name} (copy)`, createdAt: Date.now(), updatedAt: Date.now() };
        // Images first: the copy appears in the list only once it is whole.
        await copyImageSet(id, copy.id);
        await write(async (d) => {
          const tx = d.transaction(['experiments', 'models'], 'readwrite');
          await tx.objectStore('experiments').put(copy);
          if (model) await tx.objectStore('models').put({ ...model, experimentId: copy.id });
          await tx.done;
        });
        await refreshList();
      } catch (err) {
        fail(err);
      }
    },
    async remove(id) {
      try {
        await write(async (d) => {
          const tx = d.transaction(['experiments', 'models'], 'readwrite');
          await tx.objectStore('experiments').delete(id);
          await tx.objectStore('models').delete(id);
          await tx.done;
        });
        await deleteImageSet(id);
        if (get().currentId === id) set({ currentId: null });
        await refreshList();
      } catch (err) {
        fail(err);
      }
    },
  };
}
