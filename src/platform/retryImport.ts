import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** How often a chunk that failed to load is asked for, and the pause before the second ask (doubling after). */
export const IMPORT_ATTEMPTS = 3;
const FIRST_PAUSE_MS = 300;

/**
 * Loads a lazily imported chunk, asking again when a request fails. A chunk can fail for a moment:
 * WebKit sometimes rejects a dynamic import ("Importing a module script failed") without making a
 * request, a phone's connection drops between two pages of a lecture. React.lazy remembers a failed
 * load for good, so without this a panel would stay broken (its Try again too) until a reload.
 */
export async function retryImport<T>(load: () => Promise<T>, pauseMs = FIRST_PAUSE_MS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (err) {
      if (attempt >= IMPORT_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, pauseMs * 2 ** (attempt - 1)));
    }
  }
}

/** React.lazy over retryImport: a lazily loaded component whose chunk is asked for again when it fails. */
// (React.lazy's own constraint: any component.)
export const lazyRetry = <T extends ComponentType<any>>(load: () => Promise<{ default: T }>): LazyExoticComponent<T> =>
  lazy(() => retryImport(load));
