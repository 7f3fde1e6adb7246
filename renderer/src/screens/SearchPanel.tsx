// Counter search: the box searches as you type (when to ask the core, and dropping answers to
// older queries, is search/latest-query.ts), results sit in a virtualised listbox, and the keyboard drives everything from the
// box: ↑/↓ choose, Enter opens, Esc clears. An empty box lists the most recent customers.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import type { CustomerSummary } from '../../../shared/customer';
import { attempt } from '../client';
import { fullName, joinPresent, plural } from '../format';
import { useCan } from '../permissions';
import { latestQuery } from '../search/latest-query';
import { openPane, searchKey, useWorkspace } from '../store';

const ROW_HEIGHT = 72;
const PAGE = 6;

export function SearchPanel({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const query = useWorkspace((s) => s.query);
  const includeArchived = useWorkspace((s) => s.includeArchived);
  const results = useWorkspace((s) => s.results);
  const capped = useWorkspace((s) => s.capped);
  const answered = useWorkspace((s) => s.answered);
  const selected = useWorkspace((s) => s.selected);
  const revision = useWorkspace((s) => s.revision);
  const openId = useWorkspace((s) => (s.pane.kind === 'view' || s.pane.kind === 'edit' ? s.pane.id : null));
  const canCreate = useCan('customers.create');
  const canMissing = useCan('customers.missing');
  // "Missing must-haves": the list shows the records lacking one instead of the search answer.
  const [missingOnly, setMissingOnly] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The revision the shown list answers: after a save, merge or undo the list is busy until reloaded.
  const [settledRevision, setSettledRevision] = useState(revision);
  // Enter pressed before the answer came: open the first match when it does.
  const openWhenSettled = useRef(false);
  const listRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const statusId = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, [inputRef]);

  // One scheduler for the panel's life; what it delivers is the answer to the latest request only.
  const [scheduler] = useState(() =>
    latestQuery(
      (request: ListRequest) =>
        request.missingOnly
          ? attempt('customers.missing', { limit: 200, include_archived: request.includeArchived })
          : attempt('search.query', { q: request.query, limit: 200, include_archived: request.includeArchived }),
      (request, result) => {
        setSettledRevision(request.revision);
        if (!result.ok) {
          setFailure(result.error.message);
          useWorkspace.setState({ answered: request.key, results: [], selected: -1 });
          return;
        }
        setFailure(null);
        // A reload of the same query (after a save) keeps the chosen row; a new query starts at the top.
        const before = useWorkspace.getState();
        const keepId = before.answered === request.key ? before.results[before.selected]?.id : undefined;
        const items = result.value.items;
        const kept =
          keepId === undefined
            ? 0
            : Math.max(
                0,
                items.findIndex((c) => c.id === keepId),
              );
        useWorkspace.setState({
          results: items,
          capped: result.value.capped,
          answered: request.key,
          selected: items.length === 0 ? -1 : kept,
        });
        if (openWhenSettled.current) {
          openWhenSettled.current = false;
          if (items[0]) openPane({ kind: 'view', id: items[0].id });
        }
      },
    ),
  );
  useEffect(() => () => scheduler.dispose(), [scheduler]);

  // A new revision (a save, a merge, an archive) reloads the list.
  useEffect(() => {
    const key = listKey(query, includeArchived, missingOnly);
    // An emptied box, the filter, or a reload after a save need not wait for more typing.
    const immediate = query === '' || missingOnly || useWorkspace.getState().answered === key;
    scheduler.request({ query, includeArchived, missingOnly, revision, key }, immediate);
  }, [query, includeArchived, revision, missingOnly, scheduler]);

  const busy = answered !== listKey(query, includeArchived, missingOnly) || settledRevision !== revision;

  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    if (selected >= 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, virtualizer]);

  function move(to: number) {
    if (results.length === 0) return;
    useWorkspace.setState({ selected: Math.max(0, Math.min(results.length - 1, to)) });
  }

  function open(customer: CustomerSummary | undefined) {
    if (!customer) return;
    openPane({ kind: 'view', id: customer.id });
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
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
      case 'Enter':
        event.preventDefault();
        // Open only what the current query found, never a row left over from the last one.
        if (!busy) open(results[selected]);
        else openWhenSettled.current = true;
        break;
      case 'Escape':
        event.preventDefault();
        openWhenSettled.current = false;
        if (query !== '') useWorkspace.setState({ query: '' });
        inputRef.current?.focus();
        break;
    }
  }

  const active = selected >= 0 ? results[selected] : undefined;
  const activeId = active ? `${listId}-${active.id}` : undefined;

  return (
    <section className="sidebar" aria-label="Search customers">
      <div className="search">
        <label htmlFor="search-box" className="search__label">
          Search customers
        </label>
        <div className="search__box">
          <SearchIcon />
          <input
            ref={inputRef}
            id="search-box"
            className="input search__input"
            type="search"
            role="combobox"
            aria-expanded={results.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeId}
            aria-describedby={statusId}
            aria-keyshortcuts="Control+F"
            placeholder="Name, email, phone or postcode"
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => {
              // Typing is a search again: the filter gives way to it.
              setMissingOnly(false);
              useWorkspace.setState({ query: e.target.value });
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <div className="search__options">
          <label className="check">
            <input
              type="checkbox"
              checked={includeArchived}
              onChange={(e) => useWorkspace.setState({ includeArchived: e.target.checked })}
            />
            Include archived
          </label>
          {canMissing && (
            <label className="check">
              <input type="checkbox" checked={missingOnly} onChange={(e) => setMissingOnly(e.target.checked)} />
              Missing must-haves
            </label>
          )}
          {canCreate && (
            <button type="button" className="button button--small" onClick={() => openPane({ kind: 'new' })}>
              <PlusIcon />
              New customer <kbd className="kbd">Alt N</kbd>
            </button>
          )}
        </div>
      </div>
      <p className="sidebar__status" id={statusId} aria-live="polite">
        {missingOnly
          ? missingText(failure, busy, results.length, capped)
          : statusText(failure, busy, query, results.length, capped)}
      </p>
      <div
        ref={listRef}
        id={listId}
        className="results"
        role="listbox"
        aria-label={missingOnly ? 'Customers missing must-haves' : query ? 'Matching customers' : 'Recent customers'}
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
                  open(customer);
                }}
              >
                <ResultRow customer={customer} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
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

/** What one list answer was asked for. */
type ListRequest = { query: string; includeArchived: boolean; missingOnly: boolean; revision: number; key: string };

/** The key an answer is filed under: the filter's list is a different answer from any search. */
function listKey(query: string, includeArchived: boolean, missingOnly: boolean): string {
  return missingOnly ? `missing:${includeArchived ? 'all' : 'live'}` : searchKey(query, includeArchived);
}

function missingText(failure: string | null, busy: boolean, count: number, capped: boolean): string {
  if (failure) return failure;
  if (busy && count === 0) return 'Looking for records missing must-haves…';
  if (count === 0) return 'No customer is missing a must-have.';
  const found = `${plural(count, 'customer is', 'customers are')} missing must-haves`;
  return capped ? `Showing the first ${count} customers missing must-haves.` : found;
}

function statusText(failure: string | null, busy: boolean, query: string, count: number, capped: boolean): string {
  if (failure) return failure;
  // While typing, the last answer stays up (no flicker) unless there is none to show.
  if (busy && count === 0) return 'Searching…';
  if (query.trim() === '') return count === 0 ? 'No customers yet.' : 'Recently updated customers';
  if (count === 0) return 'No customers match.';
  const found = plural(count, 'customer');
  return capped ? `Showing the first ${found}: type more to narrow it down.` : found;
}

function SearchIcon() {
  return (
    <svg className="search__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="M13 13l4 4" />
    </svg>
  );
}

function PlusIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d="M10 4v12M4 10h12" />
    </svg>
  );
}
