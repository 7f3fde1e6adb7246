// Signing in to the open file at a shared counter: choose your account (name and role), then
// your password or counter PIN (a numeric box for the keypad). Refusals are the core's plain
// words, including the wait after repeated failures. The owner may instead open with the file
// passphrase. Nothing personal is shown here: only account names and roles.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { ROLE_LABELS } from '../../../shared/contract/roles';
import { attempt } from '../client';
import { lockSettled } from '../session';
import { signedIn, useSession } from '../store';
import { AuthLayout } from '../ui/AuthLayout';
import { Field } from '../ui/Field';
import { PassphraseInput } from '../ui/PassphraseInput';
import { UnlockScreen } from '../vault/UnlockScreen';

type Account = Output<'session.accounts'>[number];

export function SignInScreen() {
  const notice = useSession((s) => s.notice);
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [usePin, setUsePin] = useState(true);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [withPassphrase, setWithPassphrase] = useState(false);
  const secretBox = useRef<HTMLInputElement>(null);
  const firstChoice = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    void attempt('session.accounts', {}).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setError(result.error.message);
        setAccounts([]);
        return;
      }
      setAccounts(result.value);
      if (result.value.length === 1) setChosen(result.value[0]?.id ?? null);
    });
    return () => {
      live = false;
    };
  }, []);

  const account = accounts?.find((a) => a.id === chosen) ?? null;
  const pinMode = Boolean(account?.has_pin) && usePin;
  const secretLabel = pinMode ? 'PIN' : 'Password';

  // First the account list (or the secret box when there is only one account). Arrow keys move
  // between accounts; Enter or a click on an account then moves on to the secret box.
  const focusSecretNext = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the list arrives or the screen returns
  useEffect(() => {
    if (accounts && !withPassphrase) (chosen === null ? firstChoice : secretBox).current?.focus();
  }, [accounts, withPassphrase]);
  useEffect(() => {
    if (chosen !== null && focusSecretNext.current) {
      focusSecretNext.current = false;
      secretBox.current?.focus();
    }
  }, [chosen]);

  function choose(id: number) {
    setChosen(id);
    setUsePin(true);
    setSecret('');
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!account) {
      setError('Choose your account first.');
      firstChoice.current?.focus();
      return;
    }
    if (!secret && document.activeElement?.getAttribute('name') === 'account') {
      secretBox.current?.focus();
      return;
    }
    if (!secret) {
      setError(`Enter your ${pinMode ? 'PIN' : 'password'}.`);
      secretBox.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    await lockSettled();
    const result = await attempt('session.signIn', { user_id: account.id, secret });
    setBusy(false);
    if (result.ok) return signedIn(result.value);
    setError(result.error.message);
    setSecret('');
    secretBox.current?.focus();
  }

  if (withPassphrase) return <UnlockScreen onBack={() => setWithPassphrase(false)} />;

  return (
    <AuthLayout title="Sign in" intro="The customer file is open. Choose your account and enter your password or PIN.">
      <form className="stack" onSubmit={submit} noValidate aria-busy={accounts === null}>
        {notice && !error && (
          <output className="banner banner--info" aria-live="polite">
            {notice}
          </output>
        )}
        {error && (
          <div className="banner banner--error" role="alert" id="signin-error">
            {error}
          </div>
        )}
        {accounts === null && <p className="muted">Reading the accounts…</p>}
        {accounts && accounts.length > 0 && (
          <fieldset className="accounts">
            <legend className="field__label accounts__legend">Who are you?</legend>
            {accounts.map((a, i) => (
              <label key={a.id} className={`account${a.id === chosen ? ' account--chosen' : ''}`}>
                <input
                  ref={i === 0 ? firstChoice : undefined}
                  type="radio"
                  name="account"
                  value={a.id}
                  checked={a.id === chosen}
                  onChange={() => choose(a.id)}
                  onClick={(e) => {
                    // A pointer click (detail > 0), not an arrow key, moves on to the secret box.
                    if (e.detail > 0) {
                      focusSecretNext.current = true;
                      if (a.id === chosen) secretBox.current?.focus();
                    }
                  }}
                />
                <span className="account__avatar" aria-hidden="true">
                  {initials(a.name)}
                </span>
                <span className="account__text">
                  <span className="account__name">{a.name}</span>
                  <span className="account__role">{ROLE_LABELS[a.role]}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {account && (
          <Field
            id="signin-secret"
            label={secretLabel}
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
                aria-invalid={Boolean(error)}
                aria-describedby={[control['aria-describedby'], error ? 'signin-error' : ''].filter(Boolean).join(' ')}
                onChange={(e) => setSecret(pinMode ? e.target.value.replace(/\D/g, '') : e.target.value)}
              />
            )}
          </Field>
        )}
        {account?.has_pin && (
          <button
            type="button"
            className="button button--quiet auth__link"
            onClick={() => {
              setUsePin((p) => !p);
              setSecret('');
              secretBox.current?.focus();
            }}
          >
            {pinMode ? 'Use my password instead' : 'Use my PIN instead'}
          </button>
        )}
        <button type="submit" className="button button--primary button--block" disabled={busy || !accounts}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <button type="button" className="button button--quiet auth__link" onClick={() => setWithPassphrase(true)}>
          Open with the file passphrase
        </button>
      </form>
    </AuthLayout>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}
