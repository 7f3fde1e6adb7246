// Signing in to the open file at a shared counter: choose your account (name and role), then
// your password or counter PIN (a numeric box for the keypad). Refusals are the core's plain
// words, including the wait after repeated failures. The owner may instead open with the file
// passphrase. Nothing personal is shown here: only account names and roles.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { attempt } from '../client';
import { lockSettled } from '../session';
import { signedIn, useSession } from '../store';
import { AuthLayout } from '../ui/AuthLayout';
import { UnlockScreen } from '../vault/UnlockScreen';
import { type Account, AccountChoice } from './AccountChoice';
import { SecretField } from './SecretField';

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
          <AccountChoice
            accounts={accounts}
            chosen={chosen}
            firstChoice={firstChoice}
            onChoose={choose}
            onClickChoice={(id) => {
              focusSecretNext.current = true;
              if (id === chosen) secretBox.current?.focus();
            }}
          />
        )}
        {account && (
          <SecretField
            account={account}
            pinMode={pinMode}
            secret={secret}
            refused={Boolean(error)}
            secretBox={secretBox}
            onSecret={setSecret}
            onTogglePin={() => {
              setUsePin((p) => !p);
              setSecret('');
              secretBox.current?.focus();
            }}
          />
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
