// Making an event pack (the owner): the event, the laptop, the accounts that work it, the look-up
// list (none, a saved segment, or customer numbers) with only the fields chosen, and the pack's
// own passphrase. The core refuses the file's passphrase and writes the pack to the packs folder.
import { type FormEvent, useCallback, useState } from 'react';
import { LOOKUP_FIELD_LABELS, LOOKUP_FIELDS, type LookupField } from '../../../shared/contract/packs';
import { todayIso } from '../../../shared/dates';
import { attempt } from '../client';
import { DateInput } from '../ui/DateInput';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';

type Kind = 'none' | 'segment' | 'refs';

export function MakePackForm({ onMade }: { onMade: (message: string) => void }) {
  const staff = useLoad(useCallback(() => attempt('staff.list', {}), []));
  const segments = useLoad(useCallback(() => attempt('segments.list', {}), []));
  const [eventName, setEventName] = useState('');
  const [eventDate, setEventDate] = useState(todayIso());
  const [laptop, setLaptop] = useState('');
  const [accounts, setAccounts] = useState<number[]>([]);
  const [kind, setKind] = useState<Kind>('none');
  const [segmentId, setSegmentId] = useState<number | null>(null);
  const [refs, setRefs] = useState('');
  const [fields, setFields] = useState<LookupField[]>(['ref', 'given_name', 'family_name']);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const eventAccounts = (staff.data ?? []).filter((a) => (a.role === 'staff' || a.role === 'volunteer') && a.active);
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase !== again) {
      setProblem('The two passphrases are not the same.');
      return;
    }
    const lookup =
      kind === 'segment' && segmentId !== null
        ? { kind, segment_id: segmentId, fields }
        : kind === 'refs'
          ? { kind, refs: refs.split(/[\s,]+/).filter(Boolean), fields }
          : { kind: 'none' as const };
    setBusy(true);
    const made = await attempt('packs.make', {
      passphrase,
      event_name: eventName,
      event_date: eventDate,
      laptop,
      account_ids: accounts,
      lookup,
    });
    setBusy(false);
    if (!made.ok) {
      setProblem(made.error.fields?.[0]?.message ?? made.error.message);
      return;
    }
    setProblem(null);
    setPassphrase('');
    setAgain('');
    onMade(`Pack made: ${made.value.file_name}, ${made.value.lookups} to look up, ${made.value.accounts} accounts.`);
  }

  return (
    <form className="card" aria-labelledby="make-pack" onSubmit={(e) => void submit(e)}>
      <h2 id="make-pack">Make an event pack</h2>
      <ErrorBanner message={problem ?? staff.error ?? segments.error} />
      <label className="field">
        <span className="field__label">Event</span>
        <input className="input" value={eventName} onChange={(e) => setEventName(e.target.value)} required />
      </label>
      <div className="field">
        <label className="field__label" htmlFor="pack-date">
          Date
        </label>
        <DateInput id="pack-date" value={eventDate} onChange={setEventDate} />
      </div>
      <label className="field">
        <span className="field__label">Laptop</span>
        <input className="input" value={laptop} onChange={(e) => setLaptop(e.target.value)} required />
      </label>
      <fieldset className="field">
        <legend className="field__label">Accounts that work the event</legend>
        {eventAccounts.length === 0 && <p>No volunteer or staff accounts yet.</p>}
        {eventAccounts.map((a) => (
          <label key={a.id} className="check">
            <input
              type="checkbox"
              checked={accounts.includes(a.id)}
              onChange={() => setAccounts(toggle(accounts, a.id))}
            />
            {a.name} ({a.role})
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend className="field__label">Look-up list</legend>
        {(['none', 'segment', 'refs'] as const).map((k) => (
          <label key={k} className="check">
            <input type="radio" name="lookup" checked={kind === k} onChange={() => setKind(k)} />
            {k === 'none' ? 'None' : k === 'segment' ? 'A saved segment' : 'Customers by number'}
          </label>
        ))}
        {kind === 'segment' && (
          <label className="field">
            <span className="field__label">Segment</span>
            <select
              className="input"
              value={segmentId ?? ''}
              onChange={(e) => setSegmentId(Number(e.target.value) || null)}
            >
              <option value="">Choose…</option>
              {(segments.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'refs' && (
          <label className="field">
            <span className="field__label">Customer numbers</span>
            <textarea className="input" value={refs} onChange={(e) => setRefs(e.target.value)} rows={3} />
          </label>
        )}
        {kind !== 'none' && (
          <fieldset className="field">
            <legend className="field__label">Fields the list carries (nothing else leaves the file)</legend>
            {LOOKUP_FIELDS.map((f) => (
              <label key={f} className="check">
                <input type="checkbox" checked={fields.includes(f)} onChange={() => setFields(toggle(fields, f))} />
                {LOOKUP_FIELD_LABELS[f]}
              </label>
            ))}
          </fieldset>
        )}
      </fieldset>
      <label className="field">
        <span className="field__label">Pack passphrase (not the file's)</span>
        <input className="input" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">Pack passphrase again</span>
        <input className="input" type="password" value={again} onChange={(e) => setAgain(e.target.value)} />
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        Make pack
      </button>
    </form>
  );
}
