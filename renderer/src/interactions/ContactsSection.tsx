// "Contacts with the customer" on the record: visits, calls, emails, letters and complaints,
// newest first, with what they were about, the outcome and who logged them; and a small dialog
// to log one, kept to the keyboard: C opens it on the kind, the date and time start at now (typed
// day first), Enter saves from any box (Shift+Enter for a new line in the summary), Esc cancels.
// The summary is free text, so it gets the notes' guard: words that hint at health, religion and
// the like need the lawful basis confirmed, here as on the customer form.
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { contract, type Output } from '../../../shared/contract';
import type { Customer } from '../../../shared/customer';
import { parseDayTime } from '../../../shared/dates';
import { INTERACTION_KIND_LABELS, INTERACTION_KINDS, type InteractionKind } from '../../../shared/purchases';
import { findSensitiveHints } from '../../../shared/rules/sensitive-guard';
import { attempt } from '../client';
import { type SensitiveChoice, SensitiveWarning } from '../customers/CustomerFormExtras';
import { formatStamp } from '../format';
import { useCan } from '../permissions';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';

type Contact = Output<'interactions.list'>[number];
const FIRST = 20;
const ALL = 500;

export function ContactsSection({
  customer,
  logging,
  onLogging,
}: {
  customer: Customer;
  /** The log dialog is open (the record's C shortcut opens it too). */
  logging: boolean;
  onLogging: (open: boolean) => void;
}) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [limit, setLimit] = useState(FIRST);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canLog = useCan('interactions.add');
  const logButton = useRef<HTMLButtonElement>(null);
  const wasLogging = useRef(false);

  // Saved or cancelled, the dialog is gone and its focus with it: back to "Log contact", so the
  // keyboard stays on the record (C again logs the next one).
  useEffect(() => {
    const closed = wasLogging.current && !logging;
    wasLogging.current = logging;
    if (!closed) return;
    // Chromium lifts the modal's inertness from the rest of the page only after this render.
    const timer = setTimeout(() => {
      if (document.activeElement === document.body || !document.activeElement) logButton.current?.focus();
    });
    return () => clearTimeout(timer);
  }, [logging]);

  const load = useCallback(async () => {
    const result = await attempt('interactions.list', { customer_id: customer.id, limit });
    if (result.ok) setContacts(result.value);
    setProblem(result.ok ? null : result.error.message);
  }, [customer.id, limit]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card" aria-labelledby="rec-contacts">
      <div className="card__bar">
        <h2 className="card__title" id="rec-contacts">
          Contacts with the customer
        </h2>
        {canLog && (
          <button
            type="button"
            className="button button--small"
            onClick={() => onLogging(true)}
            aria-keyshortcuts="C"
            ref={logButton}
          >
            Log contact <kbd className="kbd">C</kbd>
          </button>
        )}
      </div>
      <ErrorBanner message={problem} />
      <div aria-live="polite">{notice && <p className="banner banner--ok">{notice}</p>}</div>
      {contacts?.length === 0 && <p className="muted">No contacts logged.</p>}
      {contacts && contacts.length > 0 && (
        <table className="table" aria-label="Contacts, newest first">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">What about</th>
              <th scope="col">Outcome</th>
              <th scope="col">Logged by</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id}>
                <td>
                  <time dateTime={c.at}>{formatStamp(c.at)}</time>
                </td>
                <td>
                  {c.kind === 'complaint' ? (
                    <span className="badge badge--warn">{INTERACTION_KIND_LABELS[c.kind]}</span>
                  ) : (
                    INTERACTION_KIND_LABELS[c.kind]
                  )}
                </td>
                <td className="contact__text">{c.summary || <span className="muted">—</span>}</td>
                <td className="contact__text">{c.outcome || <span className="muted">—</span>}</td>
                <td>
                  {c.logged_by}
                  {c.handled_by !== c.logged_by && <span className="muted"> (handled by {c.handled_by})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {contacts && contacts.length === limit && limit < ALL && (
        <button type="button" className="button button--small button--quiet" onClick={() => setLimit(ALL)}>
          Show older contacts
        </button>
      )}
      {logging && canLog && (
        <LogContactDialog
          customerId={customer.id}
          onClose={() => onLogging(false)}
          onSaved={async (saved) => {
            onLogging(false);
            setNotice(`${INTERACTION_KIND_LABELS[saved.kind]} logged.`);
            await load();
          }}
        />
      )}
    </section>
  );
}

type Draft = { kind: InteractionKind; when: string; summary: string; outcome: string };
type Errors = Partial<Record<keyof Draft | 'sensitive', string>>;

const two = (n: number) => String(n).padStart(2, '0');

/** Now, as the box shows it: 06/12/2026 14:30 (local time, day first). */
function nowText(): string {
  const d = new Date();
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

const WHEN_MESSAGE = 'Enter the day first, then the time: 06/12/2026 14:30.';

function LogContactDialog({
  customerId,
  onClose,
  onSaved,
}: {
  customerId: number;
  onClose: () => void;
  onSaved: (saved: Contact) => Promise<void>;
}) {
  const [draft, setDraft] = useState<Draft>({ kind: 'visit', when: nowText(), summary: '', outcome: '' });
  const [sensitive, setSensitive] = useState<SensitiveChoice>({ lawful_basis: '', note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const kind = useRef<HTMLSelectElement>(null);
  // The kind takes the keys once the dialog is shown (showModal would put them on Close).
  useEffect(() => kind.current?.focus(), []);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const freeText = [draft.summary, draft.outcome].join('\n');

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    const at = parseDayTime(draft.when);
    const input = {
      customer_id: customerId,
      kind: draft.kind,
      summary: draft.summary,
      outcome: draft.outcome,
      ...(at ? { at: at.toISOString() } : {}),
      ...(sensitive.lawful_basis && findSensitiveHints(freeText).length > 0
        ? { sensitive_ack: { lawful_basis: sensitive.lawful_basis, note: sensitive.note } }
        : {}),
    };
    // The core's own schema first, so the words beside the fields are the core's words.
    const found: Errors = {};
    if (!at) found.when = WHEN_MESSAGE;
    else if (at.getTime() > Date.now()) found.when = 'A contact cannot be in the future.';
    const parsed = contract['interactions.add'].input.safeParse(input);
    let unplaced: string | null = null;
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        if (!placeError(found, String(issue.path[0]), issue.message)) unplaced ??= issue.message;
    setErrors(found);
    setProblem(unplaced);
    if (unplaced) return;
    if (Object.keys(found).length > 0) return focusFirstError(found);
    setSaving(true);
    const result = await attempt('interactions.add', input);
    setSaving(false);
    if (result.ok) return onSaved(result.value);
    const placed: Errors = {};
    const all = result.error.fields ?? [];
    const unplacedByCore = all.filter((f) => !placeError(placed, f.path, f.message));
    setErrors(placed);
    if (unplacedByCore.length > 0 || all.length === 0) setProblem(unplacedByCore[0]?.message ?? result.error.message);
    focusFirstError(placed);
  }

  // Enter saves from the kind and the summary too (a text box does it by itself); Shift+Enter
  // keeps its new line in the summary.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    if (target.tagName === 'SELECT' || target.tagName === 'TEXTAREA') {
      event.preventDefault();
      void save();
    }
  }

  return (
    <Dialog title="Log a contact with the customer" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate>
        <ErrorBanner message={problem} />
        <div className="grid grid--two">
          <Field id="ct-kind" label="Kind of contact" error={errors.kind}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={draft.kind}
                onChange={(e) => set('kind')(e.target.value)}
                ref={kind}
              >
                {INTERACTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {INTERACTION_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="ct-when" label="When" error={errors.when} hint="Day first: 06/12/2026 14:30">
            {(control) => (
              <input
                {...control}
                className="input"
                value={draft.when}
                onChange={(e) => set('when')(e.target.value)}
                autoComplete="off"
                inputMode="numeric"
              />
            )}
          </Field>
        </div>
        <Field
          id="ct-summary"
          label="What it was about"
          optional
          error={errors.summary}
          hint="Enter saves; Shift+Enter starts a new line."
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea textarea--short"
              rows={3}
              value={draft.summary}
              onChange={(e) => set('summary')(e.target.value)}
            />
          )}
        </Field>
        <Field id="ct-outcome" label="Outcome" optional error={errors.outcome}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={draft.outcome}
              onChange={(e) => set('outcome')(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <SensitiveWarning notes={freeText} value={sensitive} onChange={setSensitive} where="this contact" />
        {errors.sensitive && (
          <p className="field__error" role="alert">
            {errors.sensitive}
          </p>
        )}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Log contact'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A message from the schema or the core, put beside the box it is about; false when no box is. */
function placeError(errors: Errors, path: string, message: string): boolean {
  const key = path === 'at' ? 'when' : path === 'sensitive_ack' ? 'sensitive' : path;
  if (!(key in FIELD_IDS)) return false;
  errors[key as keyof Errors] ??= message;
  return true;
}

const FIELD_IDS: Record<keyof Errors, string> = {
  kind: 'ct-kind',
  when: 'ct-when',
  summary: 'ct-summary',
  outcome: 'ct-outcome',
  sensitive: 'f-sensitive-basis',
};

function focusFirstError(errors: Errors): void {
  const first = (Object.keys(FIELD_IDS) as (keyof Errors)[]).find((k) => errors[k]);
  if (first) document.getElementById(FIELD_IDS[first])?.focus();
}
