// A password box and a counter-PIN box (numeric keypad), used when adding an account, when
// the owner resets one, and in "My password / PIN". Empty boxes are left out of the request.
import { Field } from '../ui/Field';
import { PassphraseInput } from '../ui/PassphraseInput';

export type Secrets = { password: string; pin: string };
export type SecretErrors = Partial<Record<keyof Secrets, string>>;
/** The boxes a refusal of the password or PIN is shown beside. */
export const SECRET_PATHS = ['password', 'pin'] as const satisfies readonly (keyof Secrets)[];

export function secretsInput(values: Secrets): { password?: string; pin?: string } {
  return {
    ...(values.password ? { password: values.password } : {}),
    ...(values.pin ? { pin: values.pin } : {}),
  };
}

type Props = {
  idPrefix: string;
  values: Secrets;
  errors: SecretErrors;
  onChange: (values: Secrets) => void;
  autoFocus?: boolean;
};

export function SecretFields({ idPrefix, values, errors, onChange, autoFocus }: Props) {
  return (
    <div className="grid grid--two">
      <Field
        id={`${idPrefix}-password`}
        label="Password"
        optional
        error={errors.password}
        hint="At least 10 characters; a few unrelated words work well."
      >
        {(control) => (
          <PassphraseInput
            {...control}
            autoComplete="new-password"
            autoFocus={autoFocus}
            value={values.password}
            onChange={(e) => onChange({ ...values, password: e.target.value })}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-pin`} label="PIN" optional error={errors.pin} hint="4 to 8 digits, for the counter.">
        {(control) => (
          <PassphraseInput
            {...control}
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={values.pin}
            onChange={(e) => onChange({ ...values, pin: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
