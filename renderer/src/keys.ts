// Keyboard shortcuts, matched by physical key so Alt+N works on every layout (on a Mac, Option+N
// types a dead key, so `event.key` is not "n").
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

type Shortcut = 'lock' | 'new' | 'search' | 'save';

export function shortcutOf(event: KeyboardEvent | ReactKeyboardEvent): Shortcut | null {
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl && !event.altKey && !event.shiftKey && event.code === 'KeyL') return 'lock';
  if ((ctrl || event.altKey) && !event.shiftKey && event.code === 'KeyN') return 'new';
  if (ctrl && !event.altKey && event.code === 'KeyF') return 'search';
  if (ctrl && !event.altKey && (event.code === 'KeyS' || event.key === 'Enter')) return 'save';
  return null;
}

export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}
