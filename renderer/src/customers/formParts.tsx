// The small pieces every part of the customer form uses: a text field wired to the form with its
// error and hint, the "(required)" mark, the note beside a list (emails, phones, addresses), and
// the register's rule for a built-in field.
import type { ReactNode } from 'react';
import { type Control, type FieldErrors, type FieldPath, get, type UseFormRegister } from 'react-hook-form';
import type { CustomerData } from '../../../shared/customer';
import type { formRule } from '../../../shared/register';
import { Field } from '../ui/Field';
import type { Draft } from './draft';

/** Required / hidden / help text for one built-in field, from the register. */
export type Rule = ReturnType<typeof formRule>;

export type Parts = { register: UseFormRegister<Draft>; errors: FieldErrors<Draft> };
export type FormParts = Parts & { control: Control<Draft, unknown, CustomerData> };

export function message(errors: FieldErrors<Draft>, path: string): string | undefined {
  const found = get(errors, path) as { message?: string } | undefined;
  return found?.message;
}

/** The id of a field's control: the error summary and the focus after a failed save use it. */
export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

export function joinHints(...hints: (string | undefined)[]): string {
  return hints.filter(Boolean).join(' ');
}

type TextFieldProps = Parts & {
  name: FieldPath<Draft>;
  label: ReactNode;
  optional?: boolean;
  /** A must-have in the register: marked, and never shown as optional. */
  required?: boolean | undefined;
  type?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  hint?: string | undefined;
  className?: string;
  /** The register does not let this role change it: shown, not editable. */
  readOnly?: boolean;
};

export function TextField({ name, label, register, errors, optional, type = 'text', ...rest }: TextFieldProps) {
  const { autoComplete, autoFocus, hint, className, required, readOnly } = rest;
  return (
    <Field
      id={fieldId(name)}
      label={<Required label={label} required={required} />}
      optional={optional && !required}
      error={message(errors, name)}
      hint={hint}
      className={className}
    >
      {(control) => (
        <input
          {...control}
          {...register(name)}
          type={type}
          className="input"
          autoComplete={autoComplete ?? 'off'}
          aria-required={required || undefined}
          readOnly={readOnly}
          // biome-ignore lint/a11y/noAutofocus: a new record starts at its first field
          autoFocus={autoFocus}
        />
      )}
    </Field>
  );
}

/** A label, marked "(required)" when the register makes the field a must-have. */
export function Required({ label, required }: { label: ReactNode; required?: boolean | undefined }) {
  if (!required) return <>{label}</>;
  return (
    <>
      {label}
      <span className="field__required"> (required)</span>
    </>
  );
}

/** The register's purpose, and a must-have message, for a list (emails, phones, addresses). */
export function ListNote({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  if (error) {
    return (
      <p className="field__error" id={`${id}-error`}>
        {error}
      </p>
    );
  }
  return hint ? (
    <p className="field__hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

/** "Email address" for one row; "Email address 2" etc. when there are several. */
export function numbered(label: string, index: number, count: number, of?: string): ReactNode {
  const suffix = count > 1 ? ` ${index + 1}` : '';
  return (
    <>
      {label}
      {of && <span className="sr-only"> for {of}</span>}
      {suffix}
    </>
  );
}
