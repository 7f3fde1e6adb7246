// Counter search: the box searches as you type (when to ask the core, and dropping answers to
// older queries, is latest-query.ts; keeping the list in step, useSearchList.ts), results sit in a
// virtualised listbox (ResultList.tsx), and the keyboard drives everything from the box
// (useSearchKeys.ts): ↑/↓ choose, Enter opens, Esc clears. An empty box lists the most recent
// customers.
import { type RefObject, useEffect, useId, useState } from 'react';
import { plural } from '../format';
import { useCan } from '../permissions';
import { openPane, useWorkspace } from '../store';
import { ResultList } from './ResultList';
import { useSearchKeys } from './useSearchKeys';
import { useSearchList } from './useSearchList';

export function SearchPanel({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const query = useWorkspace((s) => s.query);
  const includeArchived = useWorkspace((s) => s.includeArchived);
  const results = useWorkspace((s) => s.results);
  const capped = useWorkspace((s) => s.capped);
  const selected = useWorkspace((s) => s.selected);
  const canCreate = useCan('customers.create');
  const canMissing = useCan('customers.missing');
  // "Missing must-haves": the list shows the records lacking one instead of the search answer.
  const [missingOnly, setMissingOnly] = useState(false);
  const { busy, failure, openWhenSettled } = useSearchList(missingOnly);
  const onKeyDown = useSearchKeys({ busy, openWhenSettled, inputRef });
  const listId = useId();
  const statusId = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, [inputRef]);

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
      <ResultList
        listId={listId}
        label={missingOnly ? 'Customers missing must-haves' : query ? 'Matching customers' : 'Recent customers'}
        busy={busy}
        activeId={activeId}
        onKeyDown={onKeyDown}
      />
    </section>
  );
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
