// First run: no customer file yet. The owner names themselves and chooses the passphrase that
// encrypts the file; there is no recovery, so the screen asks for it twice.
import { type FormEvent, useRef, useState } from 'react';
import { attempt } from '../client';
import { signedIn, useSession } from '../store';
import { AuthLayout } from '../ui/AuthLayout';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { PassphraseInput } from '../ui/PassphraseInput';
import { PassphraseStrength } from '../ui/PassphraseStrength';
import { placeRefusal } from '../ui/refusal';

type Errors = Partial<Record<'owner_name' | 'passphrase' | 'confirm', string>>;

export function CreateFileScreen() {
  const fileName = useSession((s) => s.fileName);
  const [ownerName, setOwnerName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    owner_name: useRef<HTMLInputElement>(null),
    passphrase: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };

  function focusFirst(found: Errors) {
    const first = (['owner_name', 'passphrase', 'confirm'] as const).find((k) => found[k]);
    if (first) refs[first].current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Errors = {};
    if (!ownerName.trim()) found.owner_name = 'Enter your name.';
    if ([...passphrase].length < 10) found.passphrase = 'Use at least 10 characters.';
    if (confirm !== passphrase) found.confirm = 'The two passphrases are not the same.';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return focusFirst(found);

    setBusy(true);
    const result = await attempt('vault.create', { owner_name: ownerName, passphrase });
    setBusy(false);
    if (result.ok) return signedIn(result.value);
    const { errors: fromCore, problem } = placeRefusal(result.error, ['owner_name', 'passphrase'] as const);
    setErrors(fromCore);
    if (problem === null) focusFirst(fromCore);
    else setFormError(problem);
  }

  return (
    <AuthLayout
      title="Create your customer file"
      intro={
        <>
          Choose a passphrase to encrypt <strong className="auth__file">{fileName || 'the file'}</strong>. Nobody can
          open the file without it, and it cannot be recovered if you forget it.
        </>
      }
    >
      <form className="stack" onSubmit={submit} noValidate>
        <ErrorBanner message={formError} />
        <Field id="owner-name" label="Your name" error={errors.owner_name}>
          {(control) => (
            <input
              {...control}
              ref={refs.owner_name}
              className="input"
              autoComplete="name"
              // biome-ignore lint/a11y/noAutofocus: the first field of a one-purpose screen
              autoFocus
              value={ownerName}
              onChange={(e) => setOwnerName(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="new-passphrase"
          label="Passphrase"
          error={errors.passphrase}
          hint={<PassphraseStrength passphrase={passphrase} />}
        >
          {(control) => (
            <PassphraseInput
              {...control}
              ref={refs.passphrase}
              autoComplete="new-password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          )}
        </Field>
        <Field id="confirm-passphrase" label="Passphrase again" error={errors.confirm}>
          {(control) => (
            <PassphraseInput
              {...control}
              ref={refs.confirm}
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? 'Creating…' : 'Create file'}
        </button>
      </form>
    </AuthLayout>
  );
}
