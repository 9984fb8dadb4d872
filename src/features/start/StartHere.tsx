import { useState } from 'react';
import { tWorkspace as w } from '../../i18n';
import { useRunStore } from '../../lab/runStore';
import { useStudyStore } from '../../lab/studyStore';

const KEY = 'transfer-lab:start-here-dismissed';
const dismissedBefore = () => {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
};

/**
 * A first visit's three steps — press Train (or pick a preset), watch the two curves, read the
 * verdict — with the one the user is on highlighted. Dismissed once, it stays away (this browser).
 */
export function StartHere() {
  const [dismissed, setDismissed] = useState(dismissedBefore);
  const phase = useRunStore((s) => s.phase);
  const studyDone = useStudyStore((s) => s.status === 'done');
  const shared = useRunStore((s) => s.shared);
  if (dismissed || shared) return null;
  const current = phase === 'finished' || studyDone ? 2 : phase === 'running' || phase === 'paused' ? 1 : 0;
  const dismiss = () => {
    setDismissed(true);
    try {
      localStorage.setItem(KEY, '1');
    } catch {
      /* private mode: dismissed for this page only */
    }
  };
  return (
    <section className="start-here" data-testid="start-here" aria-label={w.start.title}>
      <strong>{w.start.title}</strong>
      <ol>
        {w.start.steps.map((text, i) => (
          <li
            key={i}
            className={i === current ? 'current' : i < current ? 'done' : undefined}
            aria-current={i === current ? 'step' : undefined}
          >
            {text}
          </li>
        ))}
      </ol>
      <button className="link small" data-testid="start-here-dismiss" onClick={dismiss}>
        {w.start.dismiss}
      </button>
    </section>
  );
}
