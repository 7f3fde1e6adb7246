// The consent wording on the owner's settings page: each save is a new version, and the wording
// shown at the moment of consent is kept with every consent event.
import { type FormEvent, useEffect, useState } from 'react';
import type { ConsentWording } from '../../../shared/consent';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { Field } from '../ui/Field';

export function WordingSection() {
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
