// The unlock screen: one passphrase box for the closed file (or, from the sign-in screen, the
// owner opening with the file passphrase). A refusal shows the core's plain message (never a
// stack trace) in an alert, and the box is cleared for the next try.
import { type FormEvent, useRef, useState } from 'react';
import { attempt } from '../client';
import { lockSettled } from '../session';
import { signedIn, useSession } from '../store';
import { AuthLayout } from '../ui/AuthLayout';
import { Field } from '../ui/Field';
import { PassphraseInput } from '../ui/PassphraseInput';

type Props = {
  /** Shown from the sign-in screen: the file is open and the passphrase signs in as the owner. */
  onBack?: () => void;
};

export function UnlockScreen({ onBack }: Props = {}) {
  const fileName = useSession((s) => s.fileName);
  const notice = useSession((s) => s.notice);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!passphrase) {
      setError('Enter the passphrase.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    await lockSettled();
    const result = await attempt('vault.unlock', { passphrase });
    setBusy(false);
    if (result.ok) return signedIn(result.value);
    setError(result.error.message);
    setPassphrase('');
    input.current?.focus();
  }

  return (
    <AuthLayout
      title={onBack ? 'Open with the file passphrase' : 'Unlock your customer file'}
      intro={
        onBack ? (
          'The file passphrase signs you in as the owner.'
        ) : (
          <>
            Enter the passphrase for <strong className="auth__file">{fileName || 'the customer file'}</strong>.
          </>
        )
      }
    >
      <form className="stack" onSubmit={submit} noValidate>
        {notice && !error && !onBack && (
          <output className="banner banner--info" aria-live="polite">
            {notice}
          </output>
        )}
        {error && (
          <div className="banner banner--error" role="alert" id="unlock-error">
            {error}
          </div>
        )}
        <Field id="unlock-passphrase" label="Passphrase">
          {(control) => (
            <PassphraseInput
              {...control}
              ref={input}
              autoFocus
              value={passphrase}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? 'unlock-error' : undefined}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        {onBack && (
          <button type="button" className="button button--quiet auth__link" onClick={onBack}>
            Back to choosing an account
          </button>
        )}
      </form>
    </AuthLayout>
  );
}
