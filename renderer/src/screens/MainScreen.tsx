// The working screen: header (who is signed in, Lock), the counter search on the left and the
// open record or the editor on the right. Global shortcuts live here because they only make
// sense while a file is unlocked.
import { useEffect, useRef } from 'react';
import { Brand } from '../components/Brand';
import { shortcutOf } from '../keys';
import { lock } from '../session';
import { openPane, useSession, useWorkspace } from '../store';
import { CustomerForm } from './CustomerForm';
import { RecordView } from './RecordView';
import { SearchPanel } from './SearchPanel';

export function MainScreen() {
  const user = useSession((s) => s.session?.user.name ?? '');
  const pane = useWorkspace((s) => s.pane);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const shortcut = shortcutOf(event);
      if (shortcut === 'lock') {
        event.preventDefault();
        void lock();
      } else if (shortcut === 'new') {
        event.preventDefault();
        openPane({ kind: 'new' });
      } else if (shortcut === 'search') {
        event.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const backToSearch = () => search.current?.focus();

  return (
    <div className="app">
      <header className="topbar">
        <Brand />
        <div className="topbar__right">
          <span className="topbar__user">
            <span className="topbar__avatar" aria-hidden="true">
              {initials(user)}
            </span>
            <span>
              <span className="sr-only">Signed in as </span>
              {user}
            </span>
          </span>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => void lock()}
            aria-keyshortcuts="Control+L"
          >
            <LockIcon />
            Lock <kbd className="kbd">Ctrl L</kbd>
          </button>
        </div>
      </header>
      <div className="workspace">
        <SearchPanel inputRef={search} />
        <main className="pane" aria-label="Customer details">
          {pane.kind === 'empty' && <EmptyPane />}
          {pane.kind === 'view' && <RecordView key={pane.id} id={pane.id} onDone={backToSearch} />}
          {pane.kind === 'new' && <CustomerForm key="new" mode="new" onDone={backToSearch} />}
          {pane.kind === 'edit' && <CustomerForm key={`edit-${pane.id}`} mode="edit" onDone={backToSearch} />}
        </main>
      </div>
    </div>
  );
}

function EmptyPane() {
  return (
    <div className="empty">
      <svg className="empty__art" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <circle cx="27" cy="27" r="15" />
        <path d="M38 38l13 13" />
      </svg>
      <h1 className="empty__title">Find a customer</h1>
      <p className="empty__text">
        Type part of a name, an email, a phone number or a postcode. Use <kbd className="kbd">↑</kbd>{' '}
        <kbd className="kbd">↓</kbd> to choose and <kbd className="kbd">Enter</kbd> to open.
      </p>
      <button type="button" className="button button--primary" onClick={() => openPane({ kind: 'new' })}>
        New customer <kbd className="kbd kbd--on-primary">Alt N</kbd>
      </button>
    </div>
  );
}

function LockIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <rect x="4" y="9" width="12" height="8" rx="2" />
      <path d="M7 9V6.5a3 3 0 0 1 6 0V9" />
    </svg>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}
