import { create } from 'zustand';
import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker's news: the lab is ready to work offline (the app, the zoo and the built-in
 * datasets are cached), or a new version has been downloaded and waits for a reload.
 */
interface AppUpdateState {
  offlineReady: boolean;
  needRefresh: boolean;
  /** Activates the waiting version and reloads the page. */
  update(): void;
  dismiss(): void;
}

let updateSW: ((reload?: boolean) => Promise<void>) | null = null;

export const useAppUpdate = create<AppUpdateState>()((set) => ({
  offlineReady: false,
  needRefresh: false,
  update: () => void updateSW?.(true),
  dismiss: () => set({ offlineReady: false, needRefresh: false }),
}));

/** Registers the service worker (production builds; browsers without one just stay online-only). */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  updateSW = registerSW({
    onOfflineReady: () => useAppUpdate.setState({ offlineReady: true }),
    onNeedRefresh: () => useAppUpdate.setState({ needRefresh: true }),
  });
}
