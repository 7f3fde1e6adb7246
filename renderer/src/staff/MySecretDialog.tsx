// "My password / PIN": anyone signed in may change their own password or counter PIN
// (staff.setSecret on their own account). The core checks the same rules the form shows.
import { type FormEvent, useState } from 'react';
import { attempt } from '../client';
import { useSession } from '../store';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { type SecretErrors, SecretFields, type Secrets, secretErrors, secretsInput } from './SecretFields';

export function MySecretDialog({ onClose }: { onClose: () => void }) {
  const id = useSession((s) => s.session?.user.id ?? 0);
  const [values, setValues] = useState<Secrets>({ password: '', pin: '' });
  const [errors, setErrors] = useState<SecretErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    const result = await attempt('staff.setSecret', { id, ...secretsInput(values) });
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setValues({ password: '', pin: '' });
      const what = [values.password && 'password', values.pin && 'PIN'].filter(Boolean).join(' and ');
      setDone(`Your new ${what} is saved. Use it next time you sign in.`);
      return;
    }
    const found = secretErrors(result.error.fields);
    setErrors(found);
    if (Object.keys(found).length === 0) setProblem(result.error.message);
  }

  return (
    <Dialog title="My password / PIN" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <p className="muted">Fill in either or both. Leave a box empty to keep what you have.</p>
        <ErrorBanner message={problem} />
        {done && (
          <output className="banner banner--info" aria-live="polite">
            {done}
          </output>
        )}
        <SecretFields idPrefix="my" values={values} errors={errors} onChange={setValues} autoFocus />
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
