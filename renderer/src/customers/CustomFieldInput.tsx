// One input generated from a register entry on the customer form: a box, a list, yes/no, a date,
// a number or a group of boxes for several choices, with the entry's purpose as help text, the
// special-category warning where it applies, and the lock when the role may not change it.
import { type Control, Controller } from 'react-hook-form';
import { SPECIAL_WARNING } from '../../../shared/custom-fields';
import type { RegisterEntry } from '../../../shared/register';
import { DateInput } from '../ui/DateInput';
import { Field } from '../ui/Field';
import type { FieldsDraft } from './CustomFieldsSection';

export function FieldInput({
  entry,
  control,
  error,
  locked,
}: {
  entry: RegisterEntry;
  control: Control<FieldsDraft>;
  error: string | undefined;
  locked: boolean;
}) {
  const id = `f-fields-${entry.key}`;
  const required = entry.priority === 'must_have';
  const hint = [entry.purpose, entry.special ? SPECIAL_WARNING : '', locked ? 'Your role may not change this.' : '']
    .filter(Boolean)
    .join(' ');
  const label = (
    <>
      {entry.label}
      {required && <span className="field__required"> (required)</span>}
    </>
  );
  if (entry.kind === 'multiple_choice') {
    return (
      <Controller
        name={`fields.${entry.key}`}
        control={control}
        defaultValue={[]}
        render={({ field }) => {
          const picked = Array.isArray(field.value) ? field.value : field.value ? [field.value] : [];
          const toggle = (choice: string, on: boolean) =>
            field.onChange(on ? [...picked, choice] : picked.filter((c) => c !== choice));
          return (
            <fieldset
              className={`repeat field${error ? ' field--invalid' : ''}`}
              aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
            >
              <legend className="repeat__legend">{label}</legend>
              {entry.choices.map((choice) => (
                <label key={choice} className="check">
                  <input
                    type="checkbox"
                    checked={picked.includes(choice)}
                    disabled={locked}
                    onChange={(e) => toggle(choice, e.target.checked)}
                    onBlur={field.onBlur}
                  />{' '}
                  {choice}
                </label>
              ))}
              {error ? (
                <p className="field__error" id={`${id}-error`}>
                  {error}
                </p>
              ) : (
                hint && (
                  <p className="field__hint" id={`${id}-hint`}>
                    {hint}
                  </p>
                )
              )}
            </fieldset>
          );
        }}
      />
    );
  }
  return (
    <Controller
      name={`fields.${entry.key}`}
      control={control}
      defaultValue=""
      render={({ field }) => (
        <Field id={id} label={label} optional={!required} error={error} hint={hint || undefined}>
          {(props) => {
            const common = {
              ...props,
              name: field.name,
              ref: field.ref,
              onBlur: field.onBlur,
              disabled: locked,
              className: 'input',
              'aria-required': required || undefined,
              value: typeof field.value === 'string' ? field.value : '',
              onChange: (e: { target: { value: string } }) => field.onChange(e.target.value),
            };
            switch (entry.kind) {
              case 'single_choice':
              case 'yes_no':
                return (
                  <select {...common}>
                    <option value="">Not recorded</option>
                    {(entry.kind === 'yes_no' ? ['yes', 'no'] : entry.choices).map((c) => (
                      <option key={c} value={c}>
                        {entry.kind === 'yes_no' ? (c === 'yes' ? 'Yes' : 'No') : c}
                      </option>
                    ))}
                  </select>
                );
              case 'date':
                return (
                  <DateInput
                    {...props}
                    name={field.name}
                    inputRef={field.ref}
                    onBlur={field.onBlur}
                    disabled={locked}
                    aria-required={required || undefined}
                    value={common.value}
                    onChange={(value) => field.onChange(value)}
                  />
                );
              case 'number':
                return <input {...common} type="text" inputMode="decimal" autoComplete="off" />;
              default:
                return <input {...common} type="text" autoComplete="off" maxLength={2000} />;
            }
          }}
        </Field>
      )}
    />
  );
}
