// The warning about backups at the top of every page, for those who look after them (owner and
// managers): no folder chosen, the folder gone or read-only, or the last good backup older than
// the owner's limit. Read again every minute and after a backup; the Backups page says more.
import { useEffect, useState } from 'react';
import { attempt } from '../client';
import { useCan } from '../permissions';
import { showView } from '../store';

const EVERY_MS = 60_000;

export function BackupWarning() {
  const canSee = useCan('backups.status');
  const [warning, setWarning] = useState('');

  useEffect(() => {
    if (!canSee) return;
    let alive = true;
    const read = () =>
      void attempt('backups.status', {}).then((r) => {
        if (alive && r.ok) setWarning(r.value.warning);
      });
    read();
    const timer = window.setInterval(read, EVERY_MS);
    window.addEventListener('custodian:backups-changed', read);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener('custodian:backups-changed', read);
    };
  }, [canSee]);

  if (!canSee || !warning) return null;
  return (
    <section className="banner banner--warning backup-warning" role="status" aria-label="Backup warning">
      <span>
        <strong>Backups: </strong>
        {warning}
      </span>
      <button type="button" className="button button--small" onClick={() => showView('backups')}>
        Open Backups
      </button>
    </section>
  );
}

/** Tell the warning (and the page) that backups changed: a backup finished or a folder was chosen. */
export function backupsChanged(): void {
  window.dispatchEvent(new Event('custodian:backups-changed'));
}
