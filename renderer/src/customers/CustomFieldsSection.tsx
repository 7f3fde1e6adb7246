// The part of the customer form generated from the register: one card per category for the
// fields defined there (the organisation's custom fields and the profile fields), an input per
// kind, the purpose as help text, must-haves marked required, and nothing for fields that are no
// longer collected (their stored values stay on the record, shown read-only in its view). The
// values are checked by the same shared rules the core uses (shared/custom-fields.ts).
import { type Control, Controller, type FieldErrors } from 'react-hook-form';
import { type FieldValue, fieldValueErrors, formFieldValue, SPECIAL_WARNING } from '../../../shared/custom-fields';
import { CATEGORIES, CATEGORY_LABELS, type RegisterEntry } from '../../../shared/register';
import { useRole } from '../permissions';
import { DateInput } from '../ui/DateInput';
import { Field } from '../ui/Field';

/** The form's values for these fields: text for boxes and lists, 'yes'/'no', an array of picks. */
export type FieldsDraft = { fields: Record<string, string | string[]> };

/** The register entries the form generates inputs for (defined in the register, still collected). */
export function formFields(register: readonly RegisterEntry[] | null): RegisterEntry[] {
  return (register ?? []).filter((e) => e.kind !== null && e.priority !== 'not_collected');
}

/** A stored record's values as the form holds them. */
export function draftFields(values: Record<string, FieldValue> | undefined): FieldsDraft['fields'] {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, formFieldValue(v)]));
}

/** Kind errors for the values on the form, by the shared rules (the must-haves are checked apart). */
export function draftFieldErrors(draft: Partial<FieldsDraft>, register: readonly RegisterEntry[] | null) {
  const defs = formFields(register).map((e) => ({
    key: e.key,
    label: e.label,
    kind: e.kind ?? 'text',
    choices: e.choices,
  }));
  return fieldValueErrors(draft.fields, defs);
}

/** The notes and every text value on the form, for the special-category hint. */
export function sensitiveText(notes: string, draft: Partial<FieldsDraft>, register: readonly RegisterEntry[] | null) {
  const texts = formFields(register)
    .filter((e) => e.kind === 'text')
    .map((e) => draft.fields?.[e.key])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return [notes, ...texts].join('\n');
}

type Props = {
  register: readonly RegisterEntry[] | null;
  control: Control<FieldsDraft>;
  errors: FieldErrors<FieldsDraft>;
  /** Editing a stored record: fields the role may not edit are shown but locked. */
  editing: boolean;
};

export function CustomFieldsSection({ register, control, errors, editing }: Props) {
  const role = useRole();
  const fields = formFields(register).filter((e) => role !== null && (e.see_roles.includes(role) || !editing));
  if (fields.length === 0) return null;
  return (
    <>
      {CATEGORIES.map((category) => {
        const inCategory = fields.filter((f) => f.category === category);
        if (inCategory.length === 0) return null;
        const headingId = `ed-cat-${category}`;
        return (
          <section className="card" aria-labelledby={headingId} key={category}>
            <h2 className="card__title" id={headingId}>
              {CATEGORY_LABELS[category]}
            </h2>
            <div className="grid grid--two">
              {inCategory.map((entry) => (
                <FieldInput
                  key={entry.key}
                  entry={entry}
                  control={control}
                  error={errors.fields?.[entry.key]?.message}
                  locked={editing && role !== null && !entry.edit_roles.includes(role)}
                />
              ))}
            </div>
          </section>
        );
      })}
    </>
  );
}

function FieldInput({
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
