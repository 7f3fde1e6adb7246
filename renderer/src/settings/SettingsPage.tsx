// The owner's settings: how long before a record needs checking or is kept no longer, the idle
// lock, whether third-party requests need approval, the consent wording (each save a new
// version) and the file passphrase. Each section saves on its own; the core checks every value
// against the same shared schema and its refusals show beside the field they are about.
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import type { ConsentWording } from '../../../shared/consent';
import type { Settings } from '../../../shared/contract/settings';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { useSession } from '../store';
import { passphraseStrength } from '../strength';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { PassphraseInput } from '../ui/PassphraseInput';

type Errors = Record<string, string>;

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void attempt('settings.get', {}).then((r) => (r.ok ? setSettings(r.value) : setProblem(r.error.message)));
  }, []);

  function saved(next: Settings) {
    setSettings(next);
    // The idle sign-out in this window follows the new minutes straight away.
    useSession.setState({ settings: next });
  }

  return (
    <main className="page" aria-labelledby="settings-title">
      <header className="page__head">
        <h1 id="settings-title" className="record__name">
          Settings
        </h1>
        <p className="muted">
          How this file keeps records, signs people out and is protected. Only you can change them.
        </p>
      </header>
      <ErrorBanner message={problem} />
      {settings === null ? (
        !problem && <p className="muted">Reading the settings…</p>
      ) : (
        <>
          <SettingsSection
            id="accuracy"
            title="Keeping records accurate"
            settings={settings}
            onSaved={saved}
            fields={['stale_after_months', 'redundant_after_years']}
          />
          <SettingsSection
            id="signing-in"
            title="Signing in"
            settings={settings}
            onSaved={saved}
            fields={['idle_lock_minutes']}
          />
          <SettingsSection
            id="requests"
            title="Requests"
            settings={settings}
            onSaved={saved}
            fields={['third_party_needs_approval']}
          />
        </>
      )}
      <WordingSection />
      <PassphraseSection />
    </main>
  );
}

type NumberKey = 'stale_after_months' | 'redundant_after_years' | 'idle_lock_minutes';
type Key = NumberKey | 'third_party_needs_approval';

const NUMBERS: Record<NumberKey, { label: string; hint: string; min: number; max: number }> = {
  stale_after_months: {
    label: 'Ask to check a record after this many months',
    hint: 'Records nobody has confirmed with the customer for this long join the list on Data quality. 1 to 600.',
    min: 1,
    max: 600,
  },
  redundant_after_years: {
    label: 'Propose deleting a record after this many years unused',
    hint: 'Records with no activity (or archived) for this long are proposed for deletion on Data quality. 1 to 100.',
    min: 1,
    max: 100,
  },
  idle_lock_minutes: {
    label: 'Sign out after this many idle minutes',
    hint: 'Between 1 and 240. Applies to everyone at this computer.',
    min: 1,
    max: 240,
  },
};

function SettingsSection(props: {
  id: string;
  title: string;
  settings: Settings;
  fields: Key[];
  onSaved: (s: Settings) => void;
}) {
  const { id, title, settings, fields, onSaved } = props;
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(fields.map((f) => [f, typeof settings[f] === 'boolean' ? settings[f] : String(settings[f])])),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    setDone(false);
    const empty = fields.filter((f) => typeof values[f] === 'string' && String(values[f]).trim() === '');
    if (empty.length > 0) {
      setBusy(false);
      return setErrors(Object.fromEntries(empty.map((f) => [f, 'Enter a number.'])));
    }
    const input = Object.fromEntries(
      fields.map((f) => [f, typeof values[f] === 'boolean' ? values[f] : Number(values[f])]),
    ) as Partial<Settings>;
    const result = await attempt('settings.update', input);
    setBusy(false);
    if (!result.ok) {
      const found = Object.fromEntries((result.error.fields ?? []).map((f) => [f.path, f.message]));
      if (Object.keys(found).length === 0) setProblem(result.error.message);
      return setErrors(found);
    }
    onSaved(result.value);
    setDone(true);
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {title}
      </h2>
      <form className="stack" onSubmit={submit} noValidate>
        <ErrorBanner message={problem} />
        {done && (
          <output className="banner banner--info" aria-live="polite">
            Saved. The change applies from now on.
          </output>
        )}
        {fields.map((f) =>
          f === 'third_party_needs_approval' ? (
            <label key={f} className="check check--strong">
              <input
                type="checkbox"
                checked={values[f] === true}
                onChange={(e) => setValues({ ...values, [f]: e.target.checked })}
              />
              Requests from third parties (another organisation, the police) need a manager’s approval
            </label>
          ) : (
            <Field
              key={f}
              id={`set-${f}`}
              label={NUMBERS[f].label}
              hint={NUMBERS[f].hint}
              error={errors[f]}
              className="field--narrow"
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={NUMBERS[f].min}
                  max={NUMBERS[f].max}
                  value={String(values[f] ?? '')}
                  onChange={(e) => setValues({ ...values, [f]: e.target.value })}
                />
              )}
            </Field>
          ),
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : `Save ${title.toLowerCase()}`}
          </button>
        </div>
      </form>
    </section>
  );
}

function WordingSection() {
  const [wording, setWording] = useState<ConsentWording | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void attempt('consent.wording.get', {}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setWording(r.value);
      setText(r.value.text);
    });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!wording) return;
    setBusy(true);
    setError(undefined);
    setNote(null);
    const result = await attempt('consent.wording.set', { text });
    setBusy(false);
    if (!result.ok) return setError(result.error.fields?.[0]?.message ?? result.error.message);
    setNote(
      result.value.version === wording.version
        ? `The wording is unchanged, so it is still version ${wording.version}.`
        : `Saved as version ${result.value.version}. Consent recorded from now on is under this wording; consent recorded before keeps the wording it was given under.`,
    );
    setWording(result.value);
    setText(result.value.text);
  }

  return (
    <section className="card" aria-labelledby="wording-title">
      <h2 className="card__title" id="wording-title">
        Consent wording
      </h2>
      {wording === null ? (
        <p className="muted">Reading the wording…</p>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <p className="muted" data-testid="wording-version">
            Version {wording.version}, last changed {formatStamp(wording.updated_at)}
            {wording.updated_by ? ` by ${wording.updated_by}` : ''}.
          </p>
          {note && (
            <output className="banner banner--info" aria-live="polite">
              {note}
            </output>
          )}
          <Field
            id="wording-text"
            label="What people are shown when they give consent"
            error={error}
            hint="Saving a change makes a new version; nothing already recorded changes."
          >
            {(control) => (
              <textarea
                {...control}
                className="input textarea"
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save as a new version'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function PassphraseSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<{ bytes: number; seconds: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const strength = passphraseStrength(next);

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
      const fromCore: Errors = Object.fromEntries((result.error.fields ?? []).map((f) => [f.path, f.message]));
      if (result.error.code === 'WRONG_PASSPHRASE') fromCore.current = result.error.message;
      setErrors(fromCore);
      if (Object.keys(fromCore).length === 0) setProblem(result.error.message);
      return;
    }
    setCurrent('');
    setNext('');
    setRepeat('');
    setDone(true);
  }

  const seconds = estimate ? `about ${estimate.seconds} second${estimate.seconds === 1 ? '' : 's'}` : 'a little while';
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
          hint={
            <span className="strength" data-score={strength.score} aria-live="polite">
              <span className="strength__bar" aria-hidden="true">
                <span />
                <span />
                <span />
                <span />
              </span>
              <span className="strength__text">
                {strength.label && <strong>{strength.label}. </strong>}
                {strength.advice}
              </span>
            </span>
          }
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
