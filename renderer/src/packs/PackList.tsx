// The packs this file made: merge one back (with its passphrase), see what the merge did, undo
// it as one batch, and wipe a merged pack from the packs folder.
import { type FormEvent, useState } from 'react';
import type { MergeSummary, PackRow } from '../../../shared/contract/packs';
import { formatDay } from '../../../shared/dates';
import { attempt } from '../client';
import { useCan } from '../permissions';
import { ErrorBanner } from '../ui/ErrorBanner';

function summaryText(s: MergeSummary): string {
  return (
    `${s.signups} sign-ups: ${s.created} new, ${s.auto_merged} joined an existing record (score ≥ ${s.auto_threshold}), ` +
    `${s.queued} queued for review; ${s.consents} consent events, ${s.purchases} sales; ${s.changes_applied} changes applied, ` +
    `${s.changes_waiting} waiting; ${s.erased_skipped} erased since, left out.`
  );
}

function MergeForm({ pack, onDone }: { pack: PackRow; onDone: (message: string) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const merged = await attempt('packs.merge', { file_name: pack.file_name, passphrase });
    setBusy(false);
    if (!merged.ok) setProblem(merged.error.message);
    else onDone(`Merged ${pack.event_name}. ${summaryText(merged.value)}`);
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="inline-form">
      <ErrorBanner message={problem} />
      <label className="field">
        <span className="field__label">Passphrase of the pack for {pack.event_name}</span>
        <input className="input" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </label>
      <button type="submit" className="button button--primary button--small" disabled={busy || !passphrase}>
        Merge pack
      </button>
    </form>
  );
}

export function PackList({ packs, onChanged }: { packs: PackRow[]; onChanged: (message: string) => void }) {
  const [merging, setMerging] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const canMerge = useCan('packs.merge');

  async function undo(pack: PackRow) {
    const undone = await attempt('packs.undo', { pack_id: pack.pack_id });
    if (!undone.ok) setProblem(undone.error.message);
    else {
      const u = undone.value;
      onChanged(`Undid the merge of ${pack.event_name}: ${u.removed} records taken out, ${u.restored} restored.`);
    }
  }
  async function wipe(pack: PackRow) {
    const wiped = await attempt('packs.wipe', { pack_id: pack.pack_id });
    if (!wiped.ok) setProblem(wiped.error.message);
    else
      onChanged(
        wiped.value.wiped ? `Wiped the pack file for ${pack.event_name}.` : 'The pack file was not in the folder.',
      );
  }

  if (packs.length === 0) return <p>No event packs made yet.</p>;
  return (
    <section aria-labelledby="packs-made">
      <h2 id="packs-made">Packs made</h2>
      <ErrorBanner message={problem} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Laptop</th>
            <th scope="col">Made</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {packs.map((p) => (
            <tr key={p.pack_id}>
              <td>
                {p.event_name}, {formatDay(p.event_date)}
              </td>
              <td>{p.laptop}</td>
              <td>
                {formatDay(p.made_at)} by {p.made_by}
              </td>
              <td>
                {p.status === 'merged'
                  ? `Merged ${formatDay(p.merged_at)}; ${p.queued_open} pairs queued, ${p.changes_waiting} changes waiting`
                  : p.status === 'undone'
                    ? 'Merge undone'
                    : 'Not merged yet'}
                {p.wiped_at ? '; pack wiped' : p.file_present ? '' : '; file not in the folder'}
              </td>
              <td>
                {canMerge && p.status !== 'merged' && p.file_present && (
                  <button type="button" className="button button--small" onClick={() => setMerging(p.pack_id)}>
                    Merge…
                  </button>
                )}
                {canMerge && p.status === 'merged' && (
                  <>
                    <button type="button" className="button button--small" onClick={() => void undo(p)}>
                      Undo merge
                    </button>
                    {p.file_present && (
                      <button type="button" className="button button--small" onClick={() => void wipe(p)}>
                        Wipe pack file
                      </button>
                    )}
                  </>
                )}
                {merging === p.pack_id && (
                  <MergeForm
                    pack={p}
                    onDone={(message) => {
                      setMerging(null);
                      onChanged(message);
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
