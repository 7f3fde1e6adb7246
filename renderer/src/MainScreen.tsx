// The working screen: the header (who is signed in and their role, the pages their role may
// open, My password / PIN, Switch user / Lock, Close file) and the page below it. The customer
// page is the counter search beside the open record, or, for a role that may not search
// (volunteers), the capture page: add a customer and see what you added in this sign-in.
// Global shortcuts live here because they only make sense while someone is signed in.
import { useEffect, useRef, useState } from 'react';
import { ROLE_LABELS } from '../../shared/contract/roles';
import { AuditPage } from './audit/AuditPage';
import { AuditWarnings } from './audit/AuditWarnings';
import { BackupsPage } from './backups/BackupsPage';
import { BackupWarning } from './backups/BackupWarning';
import { AddedPanel } from './customers/AddedPanel';
import { CustomerForm } from './customers/CustomerForm';
import { RecordView } from './customers/RecordView';
import { DuplicatesPage } from './duplicates/DuplicatesPage';
import { ImportPage } from './imports/ImportPage';
import { shortcutOf } from './keys';
import { EventBanner } from './packs/EventBanner';
import { loadEventPack, useEventPack } from './packs/eventPack';
import { PacksPage } from './packs/PacksPage';
import { allowed, useCan } from './permissions';
import { QualityPage } from './quality/QualityPage';
import { ReportsPage } from './reports/ReportsPage';
import { RequestsPage } from './requests/RequestsPage';
import { SearchPanel } from './search/SearchPanel';
import { SegmentsPage } from './segments/SegmentsPage';
import { closeFile, signOut, useIdleSignOut } from './session';
import { initials } from './session/AccountChoice';
import { SettingsPage } from './settings/SettingsPage';
import { MySecretDialog } from './staff/MySecretDialog';
import { StaffPage } from './staff/StaffPage';
import { openPane, showView, useSession, useWorkspace, type View } from './store';
import { Brand } from './ui/Brand';
import { SaveStatus } from './ui/SaveStatus';

const PAGES: { view: View; label: string; method: Parameters<typeof allowed>[1] }[] = [
  { view: 'customers', label: 'Customers', method: 'customers.get' },
  { view: 'requests', label: 'Requests', method: 'requests.list' },
  { view: 'duplicates', label: 'Duplicates', method: 'duplicates.scan' },
  { view: 'quality', label: 'Data quality', method: 'retention.review' },
  { view: 'imports', label: 'Import', method: 'imports.preview' },
  { view: 'segments', label: 'Segments', method: 'segments.list' },
  { view: 'reports', label: 'Reports', method: 'reports.sales' },
  { view: 'staff', label: 'Staff', method: 'staff.list' },
  { view: 'audit', label: 'Audit', method: 'audit.list' },
  { view: 'backups', label: 'Backups', method: 'backups.list' },
  { view: 'packs', label: 'Event packs', method: 'packs.list' },
  { view: 'settings', label: 'Settings', method: 'settings.update' },
];

export function MainScreen() {
  const user = useSession((s) => s.session?.user);
  // Told once, at the open that did it: an import cut off by a crash and taken back (vault.unlock).
  const openNotices = useSession((s) => s.session?.notices);
  const [noticesSeen, setNoticesSeen] = useState(false);
  const notices = noticesSeen ? [] : (openNotices ?? []);
  const view = useWorkspace((s) => s.view);
  const pane = useWorkspace((s) => s.pane);
  const canSearch = useCan('search.query');
  const canCreate = useCan('customers.create');
  const canClose = useCan('vault.lock');
  const [secretOpen, setSecretOpen] = useState(false);
  const eventPack = useEventPack((s) => s.pack);
  const search = useRef<HTMLInputElement>(null);
  useIdleSignOut();

  useEffect(() => {
    void loadEventPack();
  }, []);

  // A volunteer starts at the blank form: adding a customer is what they are here for.
  useEffect(() => {
    if (!canSearch && canCreate) openPane({ kind: 'new' });
  }, [canSearch, canCreate]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const shortcut = shortcutOf(event);
      if (shortcut === 'lock') {
        event.preventDefault();
        void signOut();
      } else if (shortcut === 'new' && canCreate) {
        event.preventDefault();
        showView('customers');
        openPane({ kind: 'new' });
      } else if (shortcut === 'search' && canSearch) {
        event.preventDefault();
        showView('customers');
        window.setTimeout(() => {
          search.current?.focus();
          search.current?.select();
        });
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCreate, canSearch]);

  const backToSearch = () => search.current?.focus();
  // An event pack does customers only (the core refuses the rest): no other page is offered.
  const pages = PAGES.filter((p) => allowed(user?.role, p.method) && (!eventPack || p.view === 'customers'));

  return (
    <div className={notices.length > 0 ? 'app app--notice' : 'app'}>
      <header className="topbar">
        <div className="topbar__left">
          <Brand />
          {pages.length > 1 && (
            <nav className="topnav" aria-label="Pages">
              {pages.map((p) => (
                <button
                  key={p.view}
                  type="button"
                  className="topnav__link"
                  aria-current={view === p.view ? 'page' : undefined}
                  onClick={() => showView(p.view)}
                >
                  {p.label}
                </button>
              ))}
            </nav>
          )}
        </div>
        <div className="topbar__right">
          <span className="topbar__user">
            <span className="topbar__avatar" aria-hidden="true">
              {initials(user?.name ?? '')}
            </span>
            <span className="topbar__who">
              <span>
                <span className="sr-only">Signed in as </span>
                {user?.name}
              </span>
              {user && <span className="topbar__role">{ROLE_LABELS[user.role]}</span>}
            </span>
          </span>
          <button type="button" className="button button--ghost button--small" onClick={() => setSecretOpen(true)}>
            My password / PIN
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => void signOut()}
            aria-keyshortcuts="Control+L"
            title="Switch user or lock (Ctrl+L)"
          >
            <LockIcon />
            Switch user / Lock <kbd className="kbd">Ctrl L</kbd>
          </button>
          {canClose && (
            <button type="button" className="button button--ghost button--small" onClick={() => void closeFile()}>
              Close file
            </button>
          )}
        </div>
      </header>
      <AuditWarnings />
      <BackupWarning />
      <EventBanner />
      {notices.length > 0 && (
        <output className="banner banner--info app__notice" aria-live="polite">
          <span>
            {notices.map((n) => (
              <span key={n} className="app__notice-line">
                {n}
              </span>
            ))}
          </span>
          <button type="button" className="button button--small" onClick={() => setNoticesSeen(true)}>
            Dismiss
          </button>
        </output>
      )}
      <SaveStatus />
      {view === 'customers' && (
        <div className="workspace">
          {canSearch ? <SearchPanel inputRef={search} /> : <AddedPanel />}
          <main className="pane" aria-label="Customer details">
            {pane.kind === 'empty' && (canSearch ? <EmptyPane canCreate={canCreate} /> : <CaptureIntro />)}
            {pane.kind === 'view' && <RecordView key={pane.id} id={pane.id} onDone={backToSearch} />}
            {pane.kind === 'new' && <CustomerForm key="new" mode="new" onDone={backToSearch} />}
            {pane.kind === 'edit' && <CustomerForm key={`edit-${pane.id}`} mode="edit" onDone={backToSearch} />}
          </main>
        </div>
      )}
      {view === 'requests' && <RequestsPage />}
      {view === 'duplicates' && <DuplicatesPage />}
      {view === 'quality' && <QualityPage />}
      {view === 'imports' && <ImportPage />}
      {view === 'segments' && <SegmentsPage />}
      {view === 'reports' && <ReportsPage />}
      {view === 'staff' && <StaffPage />}
      {view === 'audit' && <AuditPage />}
      {view === 'backups' && <BackupsPage />}
      {view === 'packs' && <PacksPage />}
      {view === 'settings' && <SettingsPage />}
      {secretOpen && <MySecretDialog onClose={() => setSecretOpen(false)} />}
    </div>
  );
}

function EmptyPane({ canCreate }: { canCreate: boolean }) {
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
      {canCreate && (
        <button type="button" className="button button--primary" onClick={() => openPane({ kind: 'new' })}>
          New customer <kbd className="kbd kbd--on-primary">Alt N</kbd>
        </button>
      )}
    </div>
  );
}

function CaptureIntro() {
  return (
    <div className="empty">
      <h1 className="empty__title">Sign people up</h1>
      <p className="empty__text">
        Add each new customer here. You will see the records you add during this sign-in, and nobody else’s.
      </p>
      <button type="button" className="button button--primary" onClick={() => openPane({ kind: 'new' })}>
        Add a customer <kbd className="kbd kbd--on-primary">Alt N</kbd>
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
