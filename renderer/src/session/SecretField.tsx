// The chosen account's secret on the sign-in screen: its counter PIN (digits only, a numeric box
// for the keypad) or its password, and the switch between the two when the account has a PIN.
// An owner's password box also takes the file passphrase. The refusal banner (#signin-error)
// describes the box while it stands.
import type { RefObject } from 'react';
import { Field } from '../ui/Field';
import { PassphraseInput } from '../ui/PassphraseInput';
import type { Account } from './AccountChoice';

export function SecretField({
  account,
  pinMode,
  secret,
  refused,
  secretBox,
  onSecret,
  onTogglePin,
}: {
  account: Account;
  pinMode: boolean;
  secret: string;
  /** A refusal stands in the banner above. */
  refused: boolean;
  secretBox: RefObject<HTMLInputElement | null>;
  onSecret: (secret: string) => void;
  onTogglePin: () => void;
}) {
  return (
    <>
      <Field
        id="signin-secret"
        label={pinMode ? 'PIN' : 'Password'}
        hint={
          pinMode
            ? 'Your 4 to 8 digit counter PIN.'
            : account.role === 'owner'
              ? 'Your password, or the file passphrase.'
              : undefined
        }
      >
        {(control) => (
          <PassphraseInput
            {...control}
            ref={secretBox}
            value={secret}
            inputMode={pinMode ? 'numeric' : 'text'}
            autoComplete={pinMode ? 'off' : 'current-password'}
            maxLength={pinMode ? 8 : 1024}
            aria-invalid={refused}
            aria-describedby={[control['aria-describedby'], refused ? 'signin-error' : ''].filter(Boolean).join(' ')}
            onChange={(e) => onSecret(pinMode ? e.target.value.replace(/\D/g, '') : e.target.value)}
          />
        )}
      </Field>
      {account.has_pin && (
        <button type="button" className="button button--quiet auth__link" onClick={onTogglePin}>
          {pinMode ? 'Use my password instead' : 'Use my PIN instead'}
        </button>
      )}
    </>
  );
}
