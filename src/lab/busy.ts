import { useSyncExternalStore } from 'react';

/**
 * The one answer to "is the lab busy?". Each store that can keep the lab busy registers what it
 * does here (it imports nothing, so any store can ask without an import cycle); callers name the
 * activities that matter to them, or ask about all of them.
 *
 * - `training`: a run is in progress (a paused one counts: its worker still holds it);
 * - `study`: a multi-seed study, sweep or plan is running (between its runs too);
 * - `scoring`: model selection is scoring sources or checking its ranking;
 * - `uploading`: images are being decoded into classes;
 * - `bundle`: a bundle is being written or read.
 */
export type Activity = 'training' | 'study' | 'scoring' | 'uploading' | 'bundle';

/** Training in any form: what most controls wait for. */
export const TRAINING: readonly Activity[] = ['training', 'study'];
/** Work that takes the engine for a while: what a preset or a backend measurement must wait for. */
export const ENGINE_WORK: readonly Activity[] = ['training', 'study', 'scoring'];
const EVERYTHING: readonly Activity[] = ['training', 'study', 'scoring', 'uploading', 'bundle'];

interface Registered {
  active: () => boolean;
  subscribe: (listener: () => void) => () => void;
}

const activities = new Map<Activity, Registered>();

/** Called once by the store that owns the activity, next to its definition. */
export function registerActivity(name: Activity, active: () => boolean, subscribe: Registered['subscribe']): void {
  activities.set(name, { active, subscribe });
}

/** Whether any of `which` (default: every activity) is under way now. */
export function labBusy(which: readonly Activity[] = EVERYTHING): boolean {
  return which.some((name) => activities.get(name)?.active() ?? false);
}

/** The same, as a React hook that re-renders when the answer changes. */
export function useLabBusy(which: readonly Activity[] = EVERYTHING): boolean {
  return useSyncExternalStore(subscriberOf(which), () => labBusy(which));
}

/** One subscribe function per set of activities, so React does not resubscribe on every render. */
const subscribers = new Map<string, (listener: () => void) => () => void>();
function subscriberOf(which: readonly Activity[]) {
  const key = which.join();
  let subscribe = subscribers.get(key);
  if (!subscribe) {
    subscribe = (listener) => {
      const stops = which.flatMap((name) => activities.get(name)?.subscribe(listener) ?? []);
      return () => stops.forEach((stop) => stop());
    };
    subscribers.set(key, subscribe);
  }
  return subscribe;
}
