// The fuller profile on the customer form: person or organisation, the organisation a person
// belongs to (picked by typing its name), their role there, each address's type and dates, and
// how the details were collected (the provenance of every value saved).
import { useEffect, useId, useState } from 'react';
import { type Control, type FieldErrors, get, type UseFormRegister, useController, useWatch } from 'react-hook-form';
import type { CustomerData } from '../../../shared/customer';
import {
  ADDRESS_KIND_LABELS,
  ADDRESS_KINDS,
  CHANNEL_LABELS,
  COLLECTION_CHANNELS,
  CUSTOMER_KINDS,
} from '../../../shared/profile-details';
import { attempt } from '../client';
import { FormDateInput } from '../ui/DateInput';
import { Field } from '../ui/Field';
import type { Draft } from './CustomerForm';

type Parts = {
  control: Control<Draft, unknown, CustomerData>;
  register: UseFormRegister<Draft>;
  errors: FieldErrors<Draft>;
};

function message(errors: FieldErrors<Draft>, path: string): string | undefined {
  return (get(errors, path) as { message?: string } | undefined)?.message;
}

const KIND_LABELS = { person: 'Person', organisation: 'Organisation' } as const;

/** Person or organisation; an organisation's name, or the organisation a person belongs to. */
/**
 * Person or organisation. `part` "kind": the choice (and an organisation's name), above the name
 * fields; `part` "membership": the organisation a person belongs to and their role, below them,
 * so that the counter starts with the person's name.
 */
export function KindAndOrganisation({
  part,
  control,
  register,
  errors,
  current,
}: Parts & { part: 'kind' | 'membership'; current: { id: number; name: string } | null }) {
  const kind = useWatch({ control, name: 'kind' });
  const { field: orgId } = useController({ control, name: 'organisation_id' });
  if (part === 'membership') {
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
  return (
    <div className="profile-kind">
      <fieldset className="kind-choice">
        <legend className="field__label">This record is for</legend>
        <div className="kind-choice__options">
          {CUSTOMER_KINDS.map((k) => (
            <label className="check check--strong" key={k}>
              <input
                type="radio"
                value={k}
                {...register('kind', {
                  // An organisation belongs to nobody: drop a pick made while it was a person.
                  onChange: () => orgId.onChange(null),
                })}
              />
              {KIND_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'organisation' && (
        <Field
          id="f-organisation_name"
          label={
            <>
              Organisation name<span className="field__required"> (required)</span>
            </>
          }
          error={message(errors, 'organisation_name')}
        >
          {(c) => (
            <input
              {...c}
              {...register('organisation_name')}
              className="input"
              autoComplete="organization"
              aria-required
            />
          )}
        </Field>
      )}
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

/** One address's type and the dates it holds from and until. */
export function AddressKindDates({ index, control, register, errors }: Parts & { index: number }) {
  const base = `addresses.${index}` as const;
  const id = (f: string) => `f-addresses-${index}-${f}`;
  return (
    <div className="grid address-dates">
      <Field id={id('kind')} label="Type of address" error={message(errors, `${base}.kind`)}>
        {(c) => (
          <select {...c} {...register(`${base}.kind`)} className="input">
            {ADDRESS_KINDS.map((k) => (
              <option key={k} value={k}>
                {ADDRESS_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id('valid_from')} label="From" optional error={message(errors, `${base}.valid_from`)}>
        {(c) => <FormDateInput {...c} control={control} name={`${base}.valid_from`} />}
      </Field>
      <Field id={id('valid_to')} label="Until" optional error={message(errors, `${base}.valid_to`)}>
        {(c) => <FormDateInput {...c} control={control} name={`${base}.valid_to`} />}
      </Field>
    </div>
  );
}

/** How the details on this form were collected: recorded as the origin of each value saved. */
export function CollectedVia({ register }: { register: UseFormRegister<Draft> }) {
  return (
    <Field
      id="f-collected_via"
      label="How were these details collected?"
      hint="Recorded beside each value you enter or change."
      className="field--narrow"
    >
      {(c) => (
        <select {...c} {...register('collected_via')} className="input">
          {COLLECTION_CHANNELS.map((ch) => (
            <option key={ch} value={ch}>
              {CHANNEL_LABELS[ch]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
