// The first card of the customer form: whether the record is for a person or an organisation,
// and the name (an organisation's name, or a person's title, given, family and preferred name).
import { useController, useWatch } from 'react-hook-form';
import type { CompletenessField } from '../../../shared/fields';
import { CUSTOMER_KINDS } from '../../../shared/profile-details';
import { Field } from '../ui/Field';
import { type FormParts, message, TextField } from './formParts';

const KIND_LABELS = { person: 'Person', organisation: 'Organisation' } as const;

type Ruled = (key: CompletenessField) => { hint?: string | undefined; required: boolean; readOnly: boolean };

export function NameCard({
  shown,
  ruled,
  autoFocus,
  ...parts
}: FormParts & { shown: (key: CompletenessField) => boolean; ruled: Ruled; autoFocus: boolean }) {
  const { register, errors } = parts;
  const common = { register, errors };
  return (
    <section className="card" aria-labelledby="ed-name">
      <h2 className="card__title" id="ed-name">
        Name
      </h2>
      <KindChoice {...parts} />
      <div className="grid grid--name">
        {shown('title') && (
          <TextField {...common} name="title" label="Title" autoComplete="honorific-prefix" {...ruled('title')} />
        )}
        {shown('given_name') && (
          <TextField
            {...common}
            name="given_name"
            label="Given name"
            autoComplete="given-name"
            autoFocus={autoFocus}
            {...ruled('given_name')}
          />
        )}
        {shown('family_name') && (
          <TextField
            {...common}
            name="family_name"
            label="Family name"
            autoComplete="family-name"
            {...ruled('family_name')}
          />
        )}
        {shown('preferred_name') && (
          <TextField {...common} name="preferred_name" label="Preferred name" optional {...ruled('preferred_name')} />
        )}
      </div>
    </section>
  );
}

/** Person or organisation; an organisation's own name. */
function KindChoice({ control, register, errors }: FormParts) {
  const kind = useWatch({ control, name: 'kind' });
  const { field: orgId } = useController({ control, name: 'organisation_id' });
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
