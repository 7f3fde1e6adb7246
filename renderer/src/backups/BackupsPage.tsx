// The Backups page (owner and managers): where backups go and the last good one, Back up now
// (written and checked by processes of their own while the counter goes on; its progress is
// polled), and every backup of this file with when, size, counts, who made it and its check.
// The owner restores one from here, after a preview (RestoreDialog).
import { useCallback, useEffect, useState } from 'react';
import { BACKUP_REASON_LABELS, type BackupItem, type BackupStatus } from '../../../shared/contract/backups';
import { attempt } from '../client';
import { formatStamp, plural } from '../format';
import { useCan } from '../permissions';
import { showView } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';
import { backupsChanged } from './BackupWarning';
import { megabytes, RestoreDialog } from './RestoreDialog';

const PHASES = { writing: 'Writing the backup…', checking: 'Checking the backup in a separate process…' } as const;

export function BackupsPage() {
  const canRestore = useCan('backups.restore');
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [items, setItems] = useState<BackupItem[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupItem | null>(null);

  const refresh = useCallback(async () => {
    const s = await attempt('backups.status', {});
    if (!s.ok) return setProblem(s.error.message);
    setStatus(s.value);
    if (s.value.folder && !s.value.folder_problem) {
      const list = await attempt('backups.list', {});
      if (list.ok) setItems(list.value.items);
      else setProblem(list.error.message);
    } else setItems([]);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // While a backup runs, look again every half second until it has finished.
  useEffect(() => {
    if (!status?.running) return;
    const timer = window.setTimeout(() => {
      void refresh().then(backupsChanged);
    }, 500);
    return () => window.clearTimeout(timer);
  }, [status, refresh]);

  async function backUpNow() {
    setProblem(null);
    const r = await attempt('backups.create', {});
    if (!r.ok) return setProblem(r.error.message);
    await refresh();
  }

  return (
    <main className="page" aria-labelledby="backups-title">
      <header className="page__head">
        <h1 id="backups-title" className="record__name">
          Backups
        </h1>
        <p className="muted">
          Encrypted copies of this file, each checked after it is written. They open with the file passphrase they were
          made under.
        </p>
      </header>
      <ErrorBanner message={problem} />
      {status && (
        <section className="card" aria-labelledby="backups-where">
          <h2 className="card__title" id="backups-where">
            Where backups go
          </h2>
          {status.folder ? (
            <p>
              <span className="muted">Folder: </span>
              <code>{status.folder}</code>
            </p>
          ) : (
            <p>No folder is chosen yet.</p>
          )}
          {status.warning && <p className="banner banner--warning">{status.warning}</p>}
          <p>
            <span className="muted">Last good backup: </span>
            {status.last_good_at ? formatStamp(status.last_good_at) : 'none yet'}
          </p>
          {status.last && !status.last.ok && (
            <ErrorBanner message={`The last backup tried did not work: ${status.last.message}`} />
          )}
          {status.running && (
            <output className="banner banner--info" aria-live="polite">
              {PHASES[status.running]}
            </output>
          )}
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={!status.folder || status.running !== null}
              onClick={() => void backUpNow()}
            >
              Back up now
            </button>
            <button type="button" className="button" onClick={() => showView('settings')}>
              Choose the folder and how often
            </button>
          </div>
        </section>
      )}
      {items.length > 0 && (
        <section className="card" aria-labelledby="backups-list">
          <h2 className="card__title" id="backups-list">
            {plural(items.length, 'backup')} of this file
          </h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">Size</th>
                <th scope="col">Customers</th>
                <th scope="col">Why, and by whom</th>
                <th scope="col">Check</th>
                {canRestore && <th scope="col">Restore</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.name}>
                  <td>{formatStamp(item.created_at)}</td>
                  <td>{megabytes(item.bytes)}</td>
                  <td>{item.counts ? item.counts.customers.toLocaleString('en-GB') : '—'}</td>
                  <td>
                    {BACKUP_REASON_LABELS[item.reason]}
                    {item.made_by ? ` by ${item.made_by}` : ''}
                  </td>
                  <td>
                    {item.verified === 'ok'
                      ? 'Checked: sound'
                      : item.verified === 'failed'
                        ? item.problem
                        : 'Not checked'}
                  </td>
                  {canRestore && (
                    <td>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Restore the backup made ${formatStamp(item.created_at)}`}
                        onClick={() => setRestoring(item)}
                      >
                        Restore…
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {restoring && <RestoreDialog item={restoring} onClose={() => setRestoring(null)} />}
    </main>
  );
}
