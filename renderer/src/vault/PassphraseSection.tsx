// Changing the file passphrase on the owner's settings page: the current one, the new one twice,
// with the strength hint; the core refuses reuse and guesses.
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { attempt } from '../client';
import { plural } from '../format';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { PassphraseInput } from '../ui/PassphraseInput';
import { PassphraseStrength } from '../ui/PassphraseStrength';
import { placeRefusal } from '../ui/refusal';

type Errors = Record<string, string>;

export function PassphraseSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<{ bytes: number; seconds: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    void attempt('vault.rekeyEstimate', {}).then((r) => r.ok && setEstimate(r.value));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    setProblem(null);
    const found: Errors = {};
    if (!current) found.current = 'Enter the current passphrase.';
    if (repeat !== next) found.repeat = 'The two new passphrases are not the same.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await attempt('vault.changePassphrase', { current, next });
    setBusy(false);
    if (!result.ok) {
      const { errors, problem } = placeRefusal(result.error);
      // A wrong current passphrase is refused by its code, not a field error: it belongs beside that box.
      if (result.error.code === 'WRONG_PASSPHRASE') return setErrors({ ...errors, current: result.error.message });
      setErrors(errors);
      setProblem(problem);
      return;
    }
    setCurrent('');
    setNext('');
    setRepeat('');
    setDone(true);
  }

  const seconds = estimate ? `about ${plural(estimate.seconds, 'second')}` : 'a little while';
  const size = estimate ? ` (${Math.max(0.1, Math.round(estimate.bytes / 100_000) / 10)} MB)` : '';
  return (
    <section className="card" aria-labelledby="passphrase-title">
      <h2 className="card__title" id="passphrase-title">
        File passphrase
      </h2>
      <form className="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <p className="muted">
          The passphrase that opens this file, and signs you in as the owner. Changing it re-encrypts the whole file.
        </p>
        <ErrorBanner message={problem} />
        {busy && (
          <output className="banner banner--info" aria-live="polite">
            Changing the passphrase… This takes {seconds} for a file this size{size}. Keep Custodian open.
          </output>
        )}
        {done && (
          <output className="banner banner--info" aria-live="polite">
            Done. Copies of the file made before today still open with the old passphrase.
          </output>
        )}
        <PassphraseField
          id="current"
          label="Current passphrase"
          value={current}
          onChange={setCurrent}
          error={errors.current}
        />
        <PassphraseField
          id="next"
          label="New passphrase"
          value={next}
          onChange={setNext}
          error={errors.next}
          hint={<PassphraseStrength passphrase={next} />}
        />
        <PassphraseField
          id="repeat"
          label="New passphrase again"
          value={repeat}
          onChange={setRepeat}
          error={errors.repeat}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change passphrase'}
          </button>
        </div>
      </form>
    </section>
  );
}

function PassphraseField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
  hint?: ReactNode;
}) {
  return (
    <Field id={`pass-${props.id}`} label={props.label} error={props.error} hint={props.hint}>
      {(control) => (
        <PassphraseInput
          {...control}
          autoComplete={props.id === 'current' ? 'current-password' : 'new-password'}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
