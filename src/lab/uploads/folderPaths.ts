/** Reading an ImageFolder layout from file paths: the class each file belongs to, and one order for them. */

/** The class of a file in an ImageFolder drop (`root/<class>/<img>`): its immediate parent folder, or null at the root. */
export function classFromPath(path: string): string | null {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  const parent = parts.length >= 2 ? parts[parts.length - 2].trim() : '';
  return parent || null;
}

const collator = new Intl.Collator('en', { numeric: true });
/**
 * The one order for files with paths, segment by segment and numbers by value ("img2" before
 * "img10"): the folder picker and a folder drop sort with it, so the same folder gives the same
 * classes, images, split and results however it was added.
 */
export function comparePaths(a: string, b: string): number {
  const pa = a.split(/[\\/]/);
  const pb = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = collator.compare(pa[i], pb[i]) || (pa[i] < pb[i] ? -1 : pa[i] > pb[i] ? 1 : 0);
    if (c) return c;
  }
  return pa.length - pb.length;
}

/**
 * Class names that arrive from more than one folder in one addition (`train/cat` and `val/cat`):
 * they are merged into one class, and the user must be told so.
 */
export function foldersPerClass(paths: readonly string[]): { className: string; folders: string[] }[] {
  const byClass = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
    if (parts.length < 2) continue;
    const className = parts[parts.length - 2].trim();
    const key = className.toLocaleLowerCase();
    if (!byClass.has(key)) byClass.set(key, new Set());
    byClass.get(key)!.add(parts.slice(0, -1).join('/'));
  }
  return [...byClass.values()]
    .filter((f) => f.size > 1)
    .map((f) => {
      const folders = [...f].sort(comparePaths);
      return { className: folders[0].split('/').pop()!, folders };
    });
}
