// The counter search's keys, handled wherever focus is (the box or the list): ↑/↓ and Page Up/Down
// choose, Enter opens (or, while the answer is still coming, opens its first match when it
// comes), Esc clears the box and returns to it.
import type { KeyboardEvent, RefObject } from 'react';
import { openPane, useWorkspace } from '../store';

/** How many rows Page Up and Page Down move. */
const PAGE = 6;

export function useSearchKeys({
  busy,
  openWhenSettled,
  inputRef,
}: {
  busy: boolean;
  openWhenSettled: RefObject<boolean>;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const query = useWorkspace((s) => s.query);
  const results = useWorkspace((s) => s.results);
  const selected = useWorkspace((s) => s.selected);

  function move(to: number) {
    if (results.length === 0) return;
    useWorkspace.setState({ selected: Math.max(0, Math.min(results.length - 1, to)) });
  }

  return function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(selected + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(selected - 1);
        break;
      case 'PageDown':
        event.preventDefault();
        move(selected + PAGE);
        break;
      case 'PageUp':
        event.preventDefault();
        move(selected - PAGE);
        break;
      case 'Enter': {
        event.preventDefault();
        // Open only what the current query found, never a row left over from the last one.
        const customer = results[selected];
        if (busy) openWhenSettled.current = true;
        else if (customer) openPane({ kind: 'view', id: customer.id });
        break;
      }
      case 'Escape':
        event.preventDefault();
        openWhenSettled.current = false;
        if (query !== '') useWorkspace.setState({ query: '' });
        inputRef.current?.focus();
        break;
    }
  };
}
