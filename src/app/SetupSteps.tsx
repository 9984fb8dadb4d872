import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isShown, type ControlId, type LectureParams } from '../core/lecture/lecture';
import { tWorkspace as w } from '../i18n';
import { SETUP_STEPS, type SetupStep } from '../i18n/workspace.en';
import { useLectureStore } from '../lab/lectureStore';

/** The controls that make a step worth showing: a step whose controls a lecture link hides disappears from the nav too. */
const STEP_CONTROLS: Record<SetupStep, ControlId[]> = {
  presets: ['presets'],
  source: ['source'],
  target: ['target-choice', 'domain-gap', 'bias'],
  augment: ['augment'],
  training: ['training-settings'],
};

export const stepShown = (p: LectureParams, step: SetupStep) => STEP_CONTROLS[step].some((id) => isShown(p, id));

/** The steps the current lecture parameters leave on the page. */
export function useShownSteps(): SetupStep[] {
  return useLectureStore(useShallow((s) => SETUP_STEPS.filter((step) => stepShown(s, step))));
}

/**
 * The set-up as named steps: a nav that jumps to each (and marks the one in view) over the
 * panels themselves, which stay in one scrolling column so nothing a test or a user reaches is hidden.
 */
export function SetupSteps({ panels }: { panels: Record<SetupStep, ReactNode> }) {
  const steps = useShownSteps();
  const column = useRef<HTMLDivElement>(null);
  const [inView, setInView] = useState<SetupStep>(steps[0] ?? 'presets');
  useEffect(() => {
    const root = column.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    // The first step whose top is in the upper part of the column is the one being read.
    const io = new IntersectionObserver(
      (entries) => {
        const top = entries.filter((e) => e.isIntersecting).sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top)[0];
        if (top) setInView(top.target.id.replace(/^step-/, '') as SetupStep);
      },
      { root: getComputedStyle(root).overflowY === 'auto' ? root : null, rootMargin: '0px 0px -60% 0px' },
    );
    root.querySelectorAll('.step').forEach((el) => io.observe(el));
    return () => io.disconnect();
  }, [steps.length]);
  if (!steps.length) return null;
  const go = (step: SetupStep) => {
    setInView(step);
    document
      .getElementById(`step-${step}`)
      ?.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  };
  return (
    <div className="setup-steps" ref={column}>
      <nav className="step-nav" aria-label={w.steps} data-testid="step-nav">
        {steps.map((step, i) => (
          <button
            key={step}
            className={step === inView ? 'current' : undefined}
            aria-current={step === inView ? 'step' : undefined}
            data-testid={`step-${step}-nav`}
            onClick={() => go(step)}
          >
            <span className="step-number">{i + 1}</span> {w.stepNames[step]}
          </button>
        ))}
      </nav>
      {steps.map((step) => (
        <div key={step} id={`step-${step}`} className="step">
          {panels[step]}
        </div>
      ))}
    </div>
  );
}
