// The organisation a person belongs to, on the customer form: picked by typing part of its name
// (the core lists organisations on file), or removed; with the person's role there.
import { useEffect, useId, useState } from 'react';
import { useController, useWatch } from 'react-hook-form';
import { attempt } from '../client';
import { Field } from '../ui/Field';
import { type FormParts, message } from './formParts';

/** The organisation a person belongs to and their role; nothing for an organisation's own record. */
export function MembershipFields({
  control,
  register,
  errors,
  current,
}: FormParts & { current: { id: number; name: string } | null }) {
  const kind = useWatch({ control, name: 'kind' });
  const { field: orgId } = useController({ control, name: 'organisation_id' });
  if (kind === 'organisation') return null;
  return (
    <div className="grid grid--two">
      <OrganisationPicker
        value={orgId.value}
        current={current}
        onChange={orgId.onChange}
        error={message(errors, 'organisation_id')}
      />
      <Field id="f-job_title" label="Role or job title" optional error={message(errors, 'job_title')}>
        {(c) => <input {...c} {...register('job_title')} className="input" autoComplete="organization-title" />}
      </Field>
    </div>
  );
}

type Org = { id: number; name: string; town: string };

/** "Belongs to organisation": type part of its name, pick it from the list, or remove it. */
function OrganisationPicker({
  value,
  current,
  onChange,
  error,
}: {
  value: number | null;
  current: { id: number; name: string } | null;
  onChange: (id: number | null) => void;
  error: string | undefined;
}) {
  const [chosen, setChosen] = useState<{ id: number; name: string } | null>(
    current && current.id === value ? current : null,
  );
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Org[]>([]);
  const listId = useId();

  useEffect(() => {
    if (q.trim().length < 2) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void attempt('customers.organisations', { q }).then((r) => {
        if (live && r.ok) setFound(r.value);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  if (value && chosen?.id === value) {
    return (
      <div className="field">
        <span className="field__label">Belongs to organisation</span>
        <p className="org-picked">
          <span className="chip">{chosen.name}</span>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => {
              setChosen(null);
              onChange(null);
            }}
          >
            Remove
          </button>
        </p>
        {error && <p className="field__error">{error}</p>}
      </div>
    );
  }
  return (
    <Field
      id="f-organisation_id"
      label="Belongs to organisation"
      optional
      error={error}
      hint={value ? undefined : 'Type part of its name to pick it.'}
    >
      {(c) => (
        <div>
          <input
            {...c}
            className="input"
            type="text"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-controls={listId}
            autoComplete="off"
          />
          <ul className="org-results" id={listId} aria-label="Organisations found">
            {found.map((o) => (
              <li key={o.id}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setChosen({ id: o.id, name: o.name });
                    onChange(o.id);
                    setQ('');
                    setFound([]);
                  }}
                >
                  {o.name}
                  {o.town ? `, ${o.town}` : ''}
                </button>
              </li>
            ))}
            {q.trim().length >= 2 && found.length === 0 && <li className="muted">No organisation by that name.</li>}
          </ul>
        </div>
      )}
    </Field>
  );
}
