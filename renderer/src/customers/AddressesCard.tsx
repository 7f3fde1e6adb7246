// The addresses card of the customer form: one boxed group per address (lines, town, postcode,
// country, the clerk's own label, its type and the dates it holds from and until).
import { useFieldArray } from 'react-hook-form';
import { LIMITS } from '../../../shared/customer';
import { ADDRESS_KIND_LABELS, ADDRESS_KINDS } from '../../../shared/profile-details';
import { FormDateInput } from '../ui/DateInput';
import { Field } from '../ui/Field';
import { AddButton, RemoveButton } from '../ui/RowButtons';
import { NEW_ADDRESS } from './draft';
import { type FormParts, ListNote, message, Required, type Rule, TextField } from './formParts';

export function AddressesCard({ postcode, town, ...parts }: FormParts & { postcode: Rule; town: Rule }) {
  const { control, register, errors } = parts;
  const { fields, append, remove } = useFieldArray({ control, name: 'addresses' });
  const error = message(errors, 'addresses');
  const common = { register, errors };
  return (
    <section className="card" aria-labelledby="ed-addresses" data-list-invalid={error ? true : undefined}>
      <h2 className="card__title" id="ed-addresses">
        <Required label="Addresses" required={postcode.required || town.required} />
      </h2>
      <ListNote id="f-addresses" error={error} />
      {fields.length === 0 && <p className="muted">No address yet.</p>}
      {fields.map((f, i) => (
        <fieldset className="repeat repeat--boxed" key={f.id}>
          <legend className="repeat__legend">Address {i + 1}</legend>
          <div className="grid grid--address">
            <TextField
              {...common}
              name={`addresses.${i}.line1`}
              label="Address line 1"
              className="span-2"
              autoComplete="address-line1"
            />
            <TextField
              {...common}
              name={`addresses.${i}.line2`}
              label="Address line 2"
              optional
              className="span-2"
              autoComplete="address-line2"
            />
            {!town.hidden && (
              <TextField
                {...common}
                name={`addresses.${i}.town`}
                label="Town or city"
                hint={town.hint}
                required={town.required}
              />
            )}
            <TextField {...common} name={`addresses.${i}.region`} label="County or region" optional />
            {!postcode.hidden && (
              <TextField
                {...common}
                name={`addresses.${i}.postcode`}
                label="Postcode"
                autoComplete="postal-code"
                hint={postcode.hint}
                required={postcode.required}
              />
            )}
            <TextField
              {...common}
              name={`addresses.${i}.country`}
              label="Country"
              hint="Code or name; GB for the UK."
            />
            <TextField
              {...common}
              name={`addresses.${i}.label`}
              label="Label"
              optional
              hint="Your own name for it, for example Head office."
            />
          </div>
          <AddressKindDates index={i} {...parts} />
          <RemoveButton label={`Remove address ${i + 1}`} onClick={() => remove(i)} text="Remove address" />
        </fieldset>
      ))}
      <AddButton
        disabled={fields.length >= LIMITS.addresses}
        onClick={() => append({ ...NEW_ADDRESS })}
        label={fields.length ? 'Add another address' : 'Add address'}
        describedBy={error ? 'f-addresses-error' : undefined}
      />
    </section>
  );
}

/** One address's type and the dates it holds from and until. */
function AddressKindDates({ index, control, register, errors }: FormParts & { index: number }) {
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
