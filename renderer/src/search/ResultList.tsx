// The counter search's results: a virtualised listbox whose options are not focusable, so focus
// stays in the search box (aria-activedescendant) and the keys keep working; a click is the
// mouse's Enter. The chosen row is scrolled into view as the keys move it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import type { CustomerSummary } from '../../../shared/customer';
import { fullName, joinPresent } from '../format';
import { openPane, useWorkspace } from '../store';

const ROW_HEIGHT = 72;

export function ResultList({
  listId,
  label,
  busy,
  activeId,
  onKeyDown,
}: {
  listId: string;
  label: string;
  busy: boolean;
  activeId: string | undefined;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}) {
  const results = useWorkspace((s) => s.results);
  const selected = useWorkspace((s) => s.selected);
  const openId = useWorkspace((s) => (s.pane.kind === 'view' || s.pane.kind === 'edit' ? s.pane.id : null));
  const listRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    if (selected >= 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, virtualizer]);

  return (
    <div
      ref={listRef}
      id={listId}
      className="results"
      role="listbox"
      aria-label={label}
      aria-busy={busy}
      tabIndex={0}
      aria-activedescendant={activeId}
      onKeyDown={onKeyDown}
    >
      <div role="presentation" className="results__track" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const customer = results[row.index];
          if (!customer) return null;
          // Options are not focusable on purpose: focus stays in the box (aria-activedescendant),
          // which handles the keys; the click is the mouse's equivalent of Enter.
          return (
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the search box (see above)
            // biome-ignore lint/a11y/useKeyWithClickEvents: the search box handles the keys (see above)
            <div
              key={customer.id}
              id={`${listId}-${customer.id}`}
              role="option"
              aria-selected={row.index === selected}
              className={`result${row.index === selected ? ' result--selected' : ''}${customer.id === openId ? ' result--open' : ''}`}
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              // Keep focus in the box so typing and the arrow keys keep working after a click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                useWorkspace.setState({ selected: row.index });
                openPane({ kind: 'view', id: customer.id });
              }}
            >
              <ResultRow customer={customer} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

function ResultRow({ customer }: { customer: CustomerSummary }) {
  const place = joinPresent([customer.postcode, customer.town]);
  const contact = joinPresent([customer.email, customer.phone], ' · ');
  // Present only on rows from the "Missing must-haves" list.
  const missing = (customer as CustomerSummary & { missing?: string[] }).missing;
  return (
    <>
      <span className="result__line">
        <span className="result__name">{fullName(customer)}</span>
        {customer.archived && <span className="badge badge--muted">Archived</span>}
        {customer.ref && <span className="result__ref">{customer.ref}</span>}
        {missing && missing.length > 0 && <span className="badge badge--warn">Missing {missing.join(', ')}</span>}
      </span>
      <span className="result__line result__meta">
        <span className="result__cell">{contact || <span className="result__none">No email or phone</span>}</span>
      </span>
      <span className="result__line result__meta">
        <span className="result__cell">{place || <span className="result__none">No address</span>}</span>
      </span>
    </>
  );
}
