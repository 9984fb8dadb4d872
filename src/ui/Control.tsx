import type { DragEvent, ReactNode } from 'react';
import type { ControlId } from '../core/lecture/lecture';
import { useControl } from '../state/lectureStore';

/**
 * A control a lecture link can hide or lock. Locked controls stay visible but inert: a disabled
 * fieldset disables every form control inside it, and `display: contents` keeps the layout.
 */
const stop = (e: DragEvent) => {
  e.preventDefault();
  e.stopPropagation();
};

export function Control({ id, children }: { id: ControlId; children: ReactNode }) {
  const mode = useControl(id);
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
