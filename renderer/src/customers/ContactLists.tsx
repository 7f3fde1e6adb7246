// The contact card of the customer form: the email addresses and phone numbers, each a list the
// clerk adds rows to. The register says whether either is a must-have and what it is for.
import { useFieldArray } from 'react-hook-form';
import { LIMITS } from '../../../shared/customer';
import { AddButton, RemoveButton } from '../ui/RowButtons';
import { type FormParts, ListNote, message, numbered, Required, type Rule, TextField } from './formParts';

type ListProps = FormParts & { rule: Rule; locked?: boolean };

export function ContactCard({
  show,
  email,
  phone,
}: { show: (key: 'email' | 'phone') => boolean } & {
  email: ListProps;
  phone: ListProps;
}) {
  return (
    <section className="card" aria-labelledby="ed-contact">
      <h2 className="card__title" id="ed-contact">
        Contact
      </h2>
      {show('email') && <Emails {...email} />}
      {show('phone') && <Phones {...phone} />}
    </section>
  );
}

function Emails({ control, register, errors, rule, locked }: ListProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'emails' });
  const error = message(errors, 'emails');
  return (
    <fieldset className="repeat" disabled={locked} data-list-invalid={error ? true : undefined}>
      <legend className="repeat__legend">
        <Required label="Email addresses" required={rule.required} />
      </legend>
      <ListNote id="f-emails" hint={rule.hint} error={error} />
      {fields.map((f, i) => (
        <div className="repeat__row grid grid--contact" key={f.id}>
          <TextField
            name={`emails.${i}.address`}
            label={numbered('Email address', i, fields.length)}
            type="email"
            register={register}
            errors={errors}
          />
          <TextField
            name={`emails.${i}.label`}
            label={numbered('Label', i, fields.length, 'email')}
            register={register}
            errors={errors}
            optional
          />
          <RemoveButton label={`Remove email address ${i + 1}`} onClick={() => remove(i)} />
        </div>
      ))}
      <AddButton
        disabled={fields.length >= LIMITS.emails}
        onClick={() => append({ address: '', label: '' })}
        label={fields.length ? 'Add another email' : 'Add email'}
        describedBy={error ? 'f-emails-error' : undefined}
      />
    </fieldset>
  );
}

function Phones({ control, register, errors, rule, locked }: ListProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'phones' });
  const error = message(errors, 'phones');
  return (
    <fieldset className="repeat" disabled={locked} data-list-invalid={error ? true : undefined}>
      <legend className="repeat__legend">
        <Required label="Phone numbers" required={rule.required} />
      </legend>
      <ListNote id="f-phones" hint={rule.hint} error={error} />
      {fields.map((f, i) => (
        <div className="repeat__row grid grid--contact" key={f.id}>
          <TextField
            name={`phones.${i}.number`}
            label={numbered('Phone number', i, fields.length)}
            type="tel"
            register={register}
            errors={errors}
          />
          <TextField
            name={`phones.${i}.label`}
            label={numbered('Label', i, fields.length, 'phone')}
            register={register}
            errors={errors}
            optional
          />
          <RemoveButton label={`Remove phone number ${i + 1}`} onClick={() => remove(i)} />
        </div>
      ))}
      <AddButton
        disabled={fields.length >= LIMITS.phones}
        onClick={() => append({ number: '', label: '' })}
        label={fields.length ? 'Add another phone' : 'Add phone'}
        describedBy={error ? 'f-phones-error' : undefined}
      />
    </fieldset>
  );
}
