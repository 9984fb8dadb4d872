import { create } from 'zustand';
import type { ExperimentConfig } from '../core/config/experiment';
import { experimentFingerprint } from '../core/config/keys';
import { cleanNickname, nicknameSeed, randomSeed, type ClassMark } from '../core/classBoard/classMark';
import { makeShareText, shareUrl } from '../core/share/link';
import { useExperimentStore } from './experimentStore';

/**
 * A student's side of a class: the class link they opened (its experiment, one seed each), the
 * nickname they typed and the seed it gave (or a random one), and whose result a result link
 * showed. Nothing here leaves the device except through the result link the student makes.
 */

export interface JoinedClass {
  fingerprint: string;
  /** The seed the student took, or null until they take one. */
  seed: number | null;
  /** The nickname the seed came from (null: a random seed). */
  nickname: string | null;
}

interface ClassState {
  joined: JoinedClass | null;
  /** Whose result the last opened result link was (null inside: no name given). */
  openedResult: { student: string | null } | null;
  /** A class link was opened: its experiment is in the lab; the student takes a seed next. */
  join(config: ExperimentConfig): void;
  /** Takes the nickname's seed (or a random one, nickname null) into the experiment. */
  takeSeed(nickname: string | null): void;
  showResultOf(student: string | null): void;
  leave(): void;
}

export const useClassStore = create<ClassState>()((set, get) => ({
  joined: null,
  openedResult: null,
  join(config) {
    set({ joined: { fingerprint: experimentFingerprint(config), seed: null, nickname: null }, openedResult: null });
  },
  takeSeed(typed) {
    const joined = get().joined;
    if (!joined) return;
    const nickname = typed === null ? null : cleanNickname(typed) || null;
    const seed = nickname === null ? randomSeed() : nicknameSeed(nickname);
    useExperimentStore.getState().setSeed(seed);
    set({ joined: { ...joined, seed, nickname } });
  },
  showResultOf(student) {
    set({ openedResult: { student } });
  },
  leave() {
    set({ joined: null });
  },
}));

/**
 * Whether the lab holds the class's experiment on the student's own seed: only then does a link
 * made now carry their result mark (a changed setting makes it another experiment).
 */
export function studentMark(config: ExperimentConfig): ClassMark | null {
  const joined = useClassStore.getState().joined;
  if (!joined || joined.seed === null || config.seed !== joined.seed) return null;
  return experimentFingerprint(config) === joined.fingerprint ? { kind: 'result', student: joined.nickname } : null;
}

/** A class link for `config`: the experiment with one seed per student, nothing else (no results, no images). */
export function classLinkUrl(config: ExperimentConfig, base: string): string {
  return shareUrl(base, makeShareText({ ...config, seeds: 1 }, null, { kind: 'class' }));
}
