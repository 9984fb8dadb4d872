import * as Comlink from 'comlink';
import { openCandidate, type Candidate, type Origin } from '../core/classBoard/board';
import type { LinksWorkerApi } from '../workers/links/links.worker';

/**
 * Opens pasted share links for the class board in a worker (workers/links), a batch per call so
 * the page can show progress. Where the worker cannot start or dies, the page opens them itself,
 * a few milliseconds at a time between yields, so it still never holds the page for long.
 */

/** Links per message: a few hundred kilobytes of text out, their opened configs and curves back. */
export const LINKS_PER_BATCH = 50;
/** Work on the page between yields when it opens links itself. */
const SLICE_MS = 8;

let remote: Promise<Comlink.Remote<LinksWorkerApi> | null> | null = null;
let thread: Worker | null = null;

function dropWorker(): void {
  thread?.terminate();
  thread = null;
  remote = null;
}

function linksWorker(): Promise<Comlink.Remote<LinksWorkerApi> | null> {
  if (remote) return remote;
  remote = (async () => {
    try {
      const worker = new Worker(new URL('../workers/links/links.worker.ts', import.meta.url), { type: 'module' });
      const api = Comlink.wrap<LinksWorkerApi>(worker);
      const failed = new Promise<false>((resolve) => worker.addEventListener('error', () => resolve(false)));
      const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000));
      if (await Promise.race([api.ready(), failed, late])) {
        thread = worker;
        return api;
      }
      worker.terminate();
    } catch {
      // No module workers here: the page does it.
    }
    return null;
  })();
  return remote;
}

/** Starts the worker ahead of the first paste (the board view calls it as it opens). */
export const warmLinks = (): void => void linksWorker();

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function onPage(found: readonly { text: string; from: Origin }[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  let sliceStart = performance.now();
  for (const f of found) {
    out.push(openCandidate(f.text, f.from));
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToPage();
      sliceStart = performance.now();
    }
  }
  return out;
}

/** Every link opened (never throws: a link that cannot be opened is a candidate with its code), `progress` after each batch. */
export async function openLinks(found: readonly { text: string; from: Origin }[], progress: (done: number) => void): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (let i = 0; i < found.length; i += LINKS_PER_BATCH) {
    const batch = found.slice(i, i + LINKS_PER_BATCH);
    const api = await linksWorker();
    let opened: Candidate[] | null = null;
    if (api) opened = await api.open(batch).catch(() => null);
    if (!opened) {
      // A dead worker is let go (terminated, not left running) and replaced at the next paste.
      dropWorker();
      opened = await onPage(batch);
    }
    out.push(...opened);
    progress(out.length);
  }
  return out;
}
