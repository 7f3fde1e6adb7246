// "What we collect" (owner and managers): the information-requirements register with inline
// edits — priority, purpose, lawful basis, retention — each saved on its own row, and the
// register exported as CSV or PDF as the organisation's record of what it collects and why.
// The core validates and explains (e.g. that retiring a field keeps its stored values).
import { useState } from 'react';
import {
  BASIS_LABELS,
  CATEGORY_LABELS,
  LAWFUL_BASES,
  type LawfulBasis,
  PRIORITIES,
  PRIORITY_LABELS,
  type Priority,
  type RegisterEntry,
} from '../../../shared/register';
import { attempt } from '../client';
import { base64ToBytes, saveFile } from '../download';
import { useCan } from '../permissions';
import { registerChanged, useRegister } from '../register';
import { ErrorBanner } from '../ui/ErrorBanner';
import { placeRefusal } from '../ui/refusal';
import { AddFieldDialog } from './AddFieldDialog';
import { FieldExtras } from './RegisterFieldEditors';

export function RegisterSettings() {
  const canEdit = useCan('register.update');
  const register = useRegister();
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  if (!canEdit) return null;

  async function download(format: 'csv' | 'pdf') {
    setProblem(null);
    const result = await attempt('register.export', { format });
    if (!result.ok) return setProblem(result.error.message);
    void saveFile(result.value.filename, base64ToBytes(result.value.content_base64), result.value.mime);
  }

  return (
    <section className="card register" aria-labelledby="register-title">
      <h2 className="card__title" id="register-title">
        What we collect
      </h2>
      <p className="muted">
        Each detail the customer form asks for: whether it is a must-have, why it is held, on what lawful basis and for
        how long. Must-haves are required on the form; fields set to “Not collected” leave the form, but values already
        stored are kept.
      </p>
      <div aria-live="polite">{notice && <p className="banner banner--ok">{notice}</p>}</div>
      <ErrorBanner message={problem} />
      <div className="form__actions">
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add a field
        </button>
      </div>
      {adding && (
        <AddFieldDialog
          onClose={() => setAdding(false)}
          onAdded={(message) => {
            setAdding(false);
            setProblem(null);
            setNotice(message);
          }}
        />
      )}
      {register === null ? (
        <p className="muted">Reading the register…</p>
      ) : (
        <div className="register__rows">
          {register.map((entry) => (
            // Re-keyed after a save, so the row starts again from what is stored.
            <RegisterRow
              key={`${entry.key}-${entry.updated_at}`}
              entry={entry}
              onSaved={(message) => {
                setProblem(null);
                setNotice(message);
              }}
              onProblem={setProblem}
            />
          ))}
        </div>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={() => void download('csv')}>
          Export as CSV
        </button>
        <button type="button" className="button" onClick={() => void download('pdf')}>
          Export as PDF
        </button>
      </div>
    </section>
  );
}

function RegisterRow({
  entry,
  onSaved,
  onProblem,
}: {
  entry: RegisterEntry;
  onSaved: (message: string) => void;
  onProblem: (message: string) => void;
}) {
  const [priority, setPriority] = useState<Priority>(entry.priority);
  const [purpose, setPurpose] = useState(entry.purpose);
  const [basis, setBasis] = useState<LawfulBasis | ''>(entry.lawful_basis ?? '');
  const [retention, setRetention] = useState(String(entry.retention_months));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const id = `reg-${entry.key}`;

  const dirty =
    priority !== entry.priority ||
    purpose !== entry.purpose ||
    basis !== (entry.lawful_basis ?? '') ||
    retention !== String(entry.retention_months);

  async function save() {
    setBusy(true);
    setErrors({});
    const months = Number(retention);
    const result = await attempt('register.update', {
      key: entry.key,
      priority,
      purpose,
      lawful_basis: basis === '' ? null : basis,
      retention_months: retention.trim() === '' || !Number.isFinite(months) ? Number.NaN : months,
    });
    setBusy(false);
    if (!result.ok) {
      // This row's banner is the line under it.
      const { errors, problem } = placeRefusal(result.error);
      setErrors(problem === null ? errors : { row: problem });
      return;
    }
    onSaved(result.value.message);
    registerChanged(result.value.entry);
  }

  const described = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <fieldset className="register__row">
      <legend className="register__label">
        {entry.label} <span className="muted">· {CATEGORY_LABELS[entry.category]}</span>
      </legend>
      <div className="register__grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-priority`}>
            Priority
          </label>
          <select
            id={`${id}-priority`}
            className="input"
            value={priority}
            onChange={(e) => setPriority(e.target.value as Priority)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field register__purpose">
          <label className="field__label" htmlFor={`${id}-purpose`}>
            Purpose
          </label>
          <input
            id={`${id}-purpose`}
            className="input"
            value={purpose}
            maxLength={500}
            onChange={(e) => setPurpose(e.target.value)}
            aria-invalid={Boolean(errors.purpose)}
            aria-describedby={described('purpose')}
          />
          <FieldError id={`${id}-purpose-error`} message={errors.purpose} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-basis`}>
            Lawful basis
          </label>
          <select
            id={`${id}-basis`}
            className="input"
            value={basis}
            onChange={(e) => setBasis(e.target.value as LawfulBasis | '')}
            aria-invalid={Boolean(errors.lawful_basis)}
            aria-describedby={described('lawful_basis')}
          >
            <option value="">None chosen</option>
            {LAWFUL_BASES.map((b) => (
              <option key={b} value={b}>
                {BASIS_LABELS[b]}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-lawful_basis-error`} message={errors.lawful_basis} />
        </div>
        <div className="field register__retention">
          <label className="field__label" htmlFor={`${id}-retention`}>
            Keep for (months)
          </label>
          <input
            id={`${id}-retention`}
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
            aria-invalid={Boolean(errors.retention_months)}
            aria-describedby={described('retention_months')}
          />
          <FieldError id={`${id}-retention_months-error`} message={errors.retention_months} />
        </div>
        <div className="register__save">
          <button
            type="button"
            className="button button--small button--primary"
            disabled={!dirty || busy}
            onClick={() => void save()}
            aria-label={`Save ${entry.label}`}
          >
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
      {errors.row && (
        <p className="field__error" role="alert">
          {errors.row}
        </p>
      )}
      <FieldExtras entry={entry} onSaved={onSaved} onProblem={onProblem} />
    </fieldset>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field__error" id={id} role="alert">
      {message}
    </p>
  );
}
