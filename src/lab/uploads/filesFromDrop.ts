/** The files of a drag-and-drop, dropped folders walked recursively (page only: DataTransfer). */
import { reasonOf } from '../../platform/decode/errorReason';
import { comparePaths } from './folderPaths';

export interface DroppedFile {
  file: File;
  /** Relative path inside the drop, '/'-separated, e.g. "pets/cat/1.jpg"; just the name for loose files. */
  path: string;
}

/** OS clutter found in real folders (Finder, Explorer, unzipped macOS archives); never images. */
const isClutter = (name: string) => name.startsWith('.') || name === '__MACOSX' || name === 'Thumbs.db' || name === 'desktop.ini';

const readEntries = (reader: FileSystemDirectoryReader) =>
  new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
const entryFile = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));
const byName = (a: FileSystemEntry, b: FileSystemEntry) => comparePaths(a.name, b.name);

/**
 * All files in a drop, walking dropped folders recursively. Call it synchronously inside the drop
 * handler (before any await): DataTransfer items are emptied once the event returns.
 * Files that cannot be read are reported through `onUnreadable` and skipped.
 */
export async function filesFromDrop(
  dataTransfer: DataTransfer,
  onUnreadable?: (path: string, reason: string) => void,
): Promise<DroppedFile[]> {
  const entries: FileSystemEntry[] = [];
  const out: DroppedFile[] = [];
  // Everything up to the first await runs synchronously, while the items are still readable.
  for (const item of Array.from(dataTransfer.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) out.push({ file, path: file.name });
    }
  }
  if (entries.length === 0 && out.length === 0) {
    for (const file of Array.from(dataTransfer.files)) out.push({ file, path: file.name });
  }

  const walk = async (entry: FileSystemEntry, nested: boolean): Promise<void> => {
    if (nested && isClutter(entry.name)) return;
    const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
    if (entry.isFile) {
      try {
        out.push({ file: await entryFile(entry as FileSystemFileEntry), path });
      } catch (err) {
        onUnreadable?.(path, reasonOf(err));
      }
    } else if (entry.isDirectory) {
      // readEntries returns batches (100 at a time in Chrome) until an empty one.
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      const children: FileSystemEntry[] = [];
      try {
        for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) children.push(...batch);
      } catch (err) {
        onUnreadable?.(path, reasonOf(err));
      }
      // Batch order is arbitrary; sort so classes and images appear in a stable, natural order.
      for (const child of children.sort(byName)) await walk(child, true);
    }
  };
  for (const entry of entries.sort(byName)) await walk(entry, false);
  return out;
}
