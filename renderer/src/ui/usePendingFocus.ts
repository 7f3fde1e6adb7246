// Put the cursor somewhere once the page has drawn it: after a failed save the errors reach the
// page a render after the form learns of them, so the request waits (checked after each render)
// until its target is there.
import { type RefObject, useEffect, useRef, useState } from 'react';
import { focusFirstError } from './focusError';

/** 'error': the first field in error inside `container`; any other string: the element of that id. */
export function usePendingFocus(container: RefObject<HTMLElement | null>): (to: 'error' | string) => void {
  const pending = useRef<string | null>(null);
  const [, redraw] = useState(0);
  useEffect(() => {
    const to = pending.current;
    if (to === null) return;
    if (to === 'error') {
      if (focusFirstError(container.current)) pending.current = null;
      return;
    }
    const target = document.getElementById(to);
    if (target) {
      target.focus();
      pending.current = null;
    }
  });
  return (to) => {
    pending.current = to;
    redraw((n) => n + 1);
  };
}
