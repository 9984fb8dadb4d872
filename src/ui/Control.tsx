import { createContext, useContext, type DragEvent, type ReactNode } from 'react';
import type { ControlId } from '../core/lecture/lecture';

export type ControlMode = 'shown' | 'hidden' | 'locked';

/**
 * The hook that says how a control renders: the app provides lecture mode's (ui/ knows no store).
 * It is the same function for the page's whole life, so every Control calls the same hook.
 */
export const ControlModeHook = createContext<(id: ControlId) => ControlMode>(() => 'shown');

/**
 * A control a lecture link can hide or lock. Locked controls stay visible but inert: a disabled
 * fieldset disables every form control inside it, and `display: contents` keeps the layout.
 */
const stop = (e: DragEvent) => {
  e.preventDefault();
  e.stopPropagation();
};

export function Control({ id, children }: { id: ControlId; children: ReactNode }) {
  const useMode = useContext(ControlModeHook);
  const mode = useMode(id);
  if (mode === 'hidden') return null;
  if (mode === 'locked')
    return (
      // A disabled fieldset stops clicks and typing, not drops: those are stopped on the way in.
      <fieldset className="locked-control" disabled data-testid={`locked-${id}`} onDropCapture={stop} onDragOverCapture={stop}>
        {children}
      </fieldset>
    );
  return <>{children}</>;
}
