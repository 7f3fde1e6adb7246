// The owner's warning about the audit log's end: problems found when the file was opened (entries
// cut off, an older copy of the file put back) stay on screen until the owner acknowledges them;
// acknowledging is itself recorded in the audit log. Nobody else sees it.
import { useEffect, useState } from 'react';
import { attempt } from '../client';
import { useCan } from '../permissions';
import { ErrorBanner } from '../ui/ErrorBanner';

export function AuditWarnings() {
  const canSee = useCan('audit.warnings');
  const [warnings, setWarnings] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!canSee) return;
    void attempt('audit.warnings', {}).then((result) => {
      if (result.ok) setWarnings(result.value.warnings);
    });
  }, [canSee]);

  async function acknowledge() {
    setBusy(true);
    const result = await attempt('audit.acknowledge', {});
    setBusy(false);
    if (result.ok) setWarnings(result.value.warnings);
    else setProblem(result.error.message);
  }

  if (!canSee || warnings.length === 0) return null;
  return (
    <section className="banner banner--error audit-warnings" role="alert" aria-label="Audit trail warning">
      <p>
        <strong>The audit trail may have been tampered with.</strong> Custodian found this when the file was opened:
      </p>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <p>
        If you put an older copy of the file back on purpose (say, a backup), acknowledge it; the acknowledgement is
        recorded in the audit trail. Otherwise, find out who changed the file.
      </p>
      <button type="button" className="button button--small" disabled={busy} onClick={() => void acknowledge()}>
        I restored this copy on purpose: acknowledge
      </button>
      <ErrorBanner message={problem} />
    </section>
  );
}
