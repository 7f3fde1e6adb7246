// Confirming receipt of what was handed over (a handover, or a subject-access pack): how it was
// confirmed, whether they said they understood it, and a note.
import { type FormEvent, useState } from 'react';
import type { InfoRequest } from '../../../shared/contract/requests';
import { attempt } from '../client';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { CONFIRM_LABELS, CONFIRM_METHODS, type ConfirmMethod } from './labels';

type Props = { request: InfoRequest; onCancel: () => void; onDone: () => Promise<void> };

export function ConfirmForm({ request: r, onCancel, onDone }: Props) {
  const [method, setMethod] = useState<ConfirmMethod>('in_person');
  const [understood, setUnderstood] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `cf-${r.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (understood === null) {
      setError('Say whether they confirmed they understood it.');
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await attempt('requests.confirm', { id: r.id, method, understood, note });
    setBusy(false);
    if (!result.ok) return setProblem(result.error.fields?.[0]?.message ?? result.error.message);
    await onDone();
  }

  const choice = (value: boolean, label: string) => (
    <label className="check check--strong">
      <input
        type="radio"
        name={`${id}-understood`}
        checked={understood === value}
        onChange={() => setUnderstood(value)}
      />
      {label}
    </label>
  );

  return (
    <form className="subform stack" onSubmit={submit} noValidate aria-label={`Confirm receipt for request ${r.id}`}>
      <ErrorBanner message={problem} />
      <Field id={`${id}-method`} label="How was receipt confirmed?">
        {(control) => (
          <select
            {...control}
            className="input"
            // biome-ignore lint/a11y/noAutofocus: the form opens on request and starts here
            autoFocus
            value={method}
            onChange={(e) => setMethod(e.target.value as ConfirmMethod)}
          >
            {CONFIRM_METHODS.map((m) => (
              <option key={m} value={m}>
                {CONFIRM_LABELS[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset
        className={`choices${error ? ' field--invalid' : ''}`}
        aria-describedby={error ? `${id}-understood-error` : undefined}
      >
        <legend className="field__label">Did they confirm they received and understood it?</legend>
        <div className="choices__row">
          {choice(true, 'Yes')}
          {choice(false, 'No')}
        </div>
        {error && (
          <p className="field__error" id={`${id}-understood-error`}>
            {error}
          </p>
        )}
      </fieldset>
      <Field id={`${id}-note`} label="Note" optional>
        {(control) => (
          <textarea
            {...control}
            className="input textarea textarea--short"
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <FormActions onCancel={onCancel} busy={busy} label="Confirm receipt" busyLabel="Saving…" />
    </form>
  );
}
