// The audit screen's filters: a person, a customer (found by name or number, or by record number
// for one no longer on file), a kind of action and a range of whole days. Days are typed and shown
// day first (dd/mm/yyyy), in plain text boxes: a date input's format follows the browser's locale.
import { type FormEvent, useId, useState } from 'react';
import { AUDIT_KIND_LABELS, AUDIT_KINDS, type AuditKind } from '../../../shared/audit-actions';
import type { Output } from '../../../shared/contract';
import { formatDayNumeric, parseDay } from '../../../shared/dates';
import { attempt } from '../client';
import { fullName, joinPresent } from '../format';
import { Field } from '../ui/Field';

export type AuditFilterValues = {
  user_id?: number;
  customer?: { id: number; name: string };
  kind?: AuditKind;
  from?: string;
  to?: string;
};

const DAY_HINT = 'Day first: dd/mm/yyyy, e.g. 06/12/2026.';

type Props = {
  people: { id: number; name: string }[];
  applied: AuditFilterValues;
  onApply: (filters: AuditFilterValues) => void;
};

export function AuditFilters({ people, applied, onApply }: Props) {
  const [person, setPerson] = useState(applied.user_id ? String(applied.user_id) : '');
  const [kind, setKind] = useState<string>(applied.kind ?? '');
  const [from, setFrom] = useState(applied.from ? formatDayNumeric(applied.from) : '');
  const [to, setTo] = useState(applied.to ? formatDayNumeric(applied.to) : '');
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const fromRead = from.trim() ? parseDay(from) : undefined;
    const toRead = to.trim() ? parseDay(to) : undefined;
    const fromDay = fromRead?.ok ? fromRead.iso : undefined;
    const toDay = toRead?.ok ? toRead.iso : undefined;
    const next: typeof errors = {};
    if (fromRead && !fromRead.ok) next.from = fromRead.message;
    if (toRead && !toRead.ok) next.to = toRead.message;
    if (fromDay && toDay && fromDay > toDay) next.to = 'The last day is before the first day.';
    setErrors(next);
    if (next.from || next.to) return;
    onApply({
      ...(person ? { user_id: Number(person) } : {}),
      ...(applied.customer ? { customer: applied.customer } : {}),
      ...(kind ? { kind: kind as AuditKind } : {}),
      ...(fromDay ? { from: fromDay } : {}),
      ...(toDay ? { to: toDay } : {}),
    });
  }

  function clear() {
    setPerson('');
    setKind('');
    setFrom('');
    setTo('');
    setErrors({});
    onApply({});
  }

  return (
    <section className="card audit-filters" aria-labelledby="audit-filters-title">
      <h2 className="card__title" id="audit-filters-title">
        Show only
      </h2>
      <CustomerPicker
        chosen={applied.customer}
        onChoose={(customer) => {
          const { customer: _dropped, ...rest } = applied;
          onApply(customer ? { ...rest, customer } : rest);
        }}
      />
      <form className="stack" onSubmit={submit} noValidate aria-label="Audit filters">
        <div className="audit-filters__grid">
          <Field id="audit-person" label="Person">
            {(control) => (
              <select {...control} className="input" value={person} onChange={(e) => setPerson(e.target.value)}>
                <option value="">Everyone</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="audit-kind" label="Kind of action">
            {(control) => (
              <select {...control} className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="">All actions</option>
                {AUDIT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {AUDIT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="audit-from" label="From" hint={DAY_HINT} error={errors.from} optional>
            {(control) => (
              <input
                {...control}
                className="input"
                inputMode="numeric"
                autoComplete="off"
                placeholder="dd/mm/yyyy"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
            )}
          </Field>
          <Field id="audit-to" label="To (included)" hint={DAY_HINT} error={errors.to} optional>
            {(control) => (
              <input
                {...control}
                className="input"
                inputMode="numeric"
                autoComplete="off"
                placeholder="dd/mm/yyyy"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            Show entries
          </button>
          <button type="button" className="button" onClick={clear}>
            Clear filters
          </button>
        </div>
      </form>
    </section>
  );
}

type Match = { id: number; name: string; words: string };

/** Find one customer by name, number, email, phone or postcode; digits may also be a record number. */
function CustomerPicker({
  chosen,
  onChoose,
}: {
  chosen: AuditFilterValues['customer'];
  onChoose: (customer: AuditFilterValues['customer']) => void;
}) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();

  async function find(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) {
      setMatches(null);
      return;
    }
    const result = await attempt('search.query', { q, limit: 10, include_archived: true });
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setProblem(null);
    const found: Match[] = result.value.items.map((c: Output<'search.query'>['items'][number]) => ({
      id: c.id,
      name: c.kind === 'organisation' && c.organisation_name ? c.organisation_name : fullName(c),
      words: joinPresent([c.ref && `customer number ${c.ref}`, c.postcode, c.email]),
    }));
    const record = /^#?(\d{1,12})$/.exec(q);
    if (record && !found.some((m) => m.id === Number(record[1]))) {
      found.push({
        id: Number(record[1]),
        name: `record ${record[1]}`,
        words: 'by record number (also erased records)',
      });
    }
    setMatches(found);
  }

  if (chosen) {
    return (
      <p className="audit-filters__chosen">
        Customer: <strong>{chosen.name}</strong>{' '}
        <button type="button" className="button button--small" onClick={() => onChoose(undefined)}>
          Any customer
        </button>
      </p>
    );
  }
  return (
    <form className="stack" onSubmit={(e) => void find(e)} noValidate aria-label="Find a customer">
      <div className="audit-filters__find">
        <Field
          id="audit-customer"
          label="Customer"
          optional
          hint="A name, customer number, email, phone or postcode; or a record number for an erased customer."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              autoComplete="off"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button">
          Find customer
        </button>
      </div>
      {problem && <p className="field__error">{problem}</p>}
      {matches && (
        <div id={listId} aria-live="polite">
          {matches.length === 0 ? (
            <p className="muted">No customer matches “{query.trim()}”.</p>
          ) : (
            <ul className="audit-filters__matches" aria-label="Matching customers">
              {matches.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setMatches(null);
                      setQuery('');
                      onChoose({ id: m.id, name: m.name });
                    }}
                  >
                    {m.name}
                  </button>
                  {m.words && <span className="muted"> — {m.words}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
