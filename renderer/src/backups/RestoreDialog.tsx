// Restoring a backup (the owner): a preview checked now in a separate process (when it was made,
// by whom, what it holds, whether it is sound), the passphrase the file had then when the current
// one does not open it, and a plain statement of what happens. After the restore the file is
// closed for everyone and opened again with the current passphrase.
import { type FormEvent, useEffect, useState } from 'react';
import type { BackupCheck, BackupItem } from '../../../shared/contract/backups';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { endSession } from '../store';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';

/** A backup's size as people read it. */
export const megabytes = (bytes: number) =>
  `${(bytes / 1_048_576).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

type Preview = { item: BackupItem; check: BackupCheck | null; needs_passphrase: boolean };

export function RestoreDialog({ item, onClose }: { item: BackupItem; onClose: () => void }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);

  useEffect(() => {
    void attempt('backups.preview', { name: item.name }).then((r) => {
      setBusy(false);
      if (r.ok) setPreview(r.value);
      else setProblem(r.error.message);
    });
  }, [item.name]);

  async function checkWithPassphrase(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await attempt('backups.preview', { name: item.name, passphrase });
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else setProblem(r.error.message);
  }

  async function restore() {
    setBusy(true);
    setProblem(null);
    const given = preview?.needs_passphrase || passphrase ? { passphrase } : {};
    const r = await attempt('backups.restore', { name: item.name, ...given });
    setBusy(false);
    if (!r.ok) return setProblem(r.error.message);
    endSession(
      `The file was restored from the backup made ${formatStamp(item.created_at)}. The file as it was is kept as the backup ${r.value.kept_as}. Open the file with its passphrase.`,
      'unlock',
    );
  }

  const check = preview?.check ?? null;
  const sound = check?.ok === true;
  const counts = check?.counts ?? preview?.item.counts ?? null;
  return (
    <Dialog title="Restore a backup" onClose={onClose} wide>
      <dl className="facts">
        <dt>Made</dt>
        <dd>{formatStamp(item.created_at)}</dd>
        <dt>By</dt>
        <dd>{item.made_by || 'Custodian, by itself'}</dd>
        <dt>Size</dt>
        <dd>{megabytes(item.bytes)}</dd>
        <dt>Holds</dt>
        <dd>
          {counts
            ? `${counts.customers.toLocaleString('en-GB')} customers, ${counts.purchases.toLocaleString('en-GB')} purchases, ${counts.accounts} staff accounts`
            : 'not known yet'}
        </dd>
        <dt>Checked now</dt>
        <dd>
          {busy && !preview
            ? 'Checking in a separate process…'
            : check
              ? sound
                ? `Sound: integrity ${check.integrity}, audit log ok (${check.audit.entries.toLocaleString('en-GB')} entries)`
                : `Not sound: ${check.problem}`
              : preview?.needs_passphrase
                ? 'Needs the passphrase it was made under'
                : 'Not checked'}
        </dd>
      </dl>
      {preview?.needs_passphrase && !check && (
        <form className="stack" onSubmit={checkWithPassphrase} noValidate>
          <p>This backup was made before the file passphrase was changed. Enter the passphrase the file had then.</p>
          <Field id="restore-passphrase" label="The passphrase when this backup was made">
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                autoComplete="off"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button" disabled={busy || passphrase === ''}>
              Check with this passphrase
            </button>
          </div>
        </form>
      )}
      <ErrorBanner message={problem} />
      {sound && (
        <p>
          Restoring puts this backup in place of the file. The file as it is now is kept as a backup first, the restore
          is recorded in the audit trail, and the file is closed for everyone: open it again with the current
          passphrase.
        </p>
      )}
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!sound || busy}
          onClick={() => void restore()}
        >
          {busy && sound ? 'Restoring…' : 'Restore this backup'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
