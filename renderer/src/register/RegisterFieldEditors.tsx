// The register settings' editors for fields defined without code: "Add a field" (a dialog with
// the name, kind, category, priority, purpose, basis, retention and, for choice fields, the
// choices), the choice list of a choice field (renaming a choice moves its stored values; the core
// refuses to drop a choice still in use), and removing an unused custom field. The rules are the
// shared ones; the core checks them again and its messages land beside the boxes.
import { useState } from 'react';
import { FIELD_KINDS, type FieldKind, isChoiceKind, KIND_LABELS, SPECIAL_WARNING } from '../../../shared/custom-fields';
import {
  BASIS_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  DEFAULT_RETENTION_MONTHS,
  LAWFUL_BASES,
  type LawfulBasis,
  PRIORITIES,
  PRIORITY_LABELS,
  type Priority,
  type RegisterEntry,
} from '../../../shared/register';
import { attempt } from '../client';
import { registerAdded, registerChanged, registerRemoved } from '../register';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';

type Errors = Record<string, string>;

function errorsOf(error: { message: string; fields?: { path: string; message: string }[] | undefined }): Errors {
  const found: Errors = {};
  for (const f of error.fields ?? []) found[f.path] ??= f.message;
  if (Object.keys(found).length === 0) found.form = error.message;
  return found;
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function AddFieldDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (message: string) => void }) {
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<FieldKind>('text');
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('service');
  const [priority, setPriority] = useState<Priority>('nice_to_know');
  const [purpose, setPurpose] = useState('');
  const [basis, setBasis] = useState<LawfulBasis | ''>('legitimate_interests');
  const [retention, setRetention] = useState(String(DEFAULT_RETENTION_MONTHS));
  const [choices, setChoices] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function add() {
    setBusy(true);
    setErrors({});
    const months = Number(retention);
    const result = await attempt('register.add', {
      label,
      kind,
      category,
      priority,
      purpose,
      lawful_basis: basis === '' ? null : basis,
      retention_months: retention.trim() === '' || !Number.isFinite(months) ? Number.NaN : months,
      choices: isChoiceKind(kind) ? linesOf(choices) : [],
    });
    setBusy(false);
    if (!result.ok) return setErrors(errorsOf(result.error));
    registerAdded(result.value.entry);
    onAdded(result.value.message);
  }

  return (
    <Dialog title="Add a field" onClose={onClose}>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        {errors.form && (
          <p className="banner banner--error" role="alert">
            {errors.form}
          </p>
        )}
        <Field id="nf-label" label="Name of the field" error={errors.label} hint="As staff will see it on the form.">
          {(p) => (
            <input {...p} className="input" value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} />
          )}
        </Field>
        <div className="grid grid--two">
          <Field id="nf-kind" label="Kind of value">
            {(p) => (
              <select {...p} className="input" value={kind} onChange={(e) => setKind(e.target.value as FieldKind)}>
                {FIELD_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="nf-category" label="Category">
            {(p) => (
              <select
                {...p}
                className="input"
                value={category}
                onChange={(e) => setCategory(e.target.value as (typeof CATEGORIES)[number])}
              >
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {isChoiceKind(kind) && (
          <Field id="nf-choices" label="Choices" error={errors.choices} hint="One choice per line.">
            {(p) => (
              <textarea
                {...p}
                className="input textarea"
                rows={5}
                value={choices}
                onChange={(e) => setChoices(e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="grid grid--two">
          <Field id="nf-priority" label="Priority">
            {(p) => (
              <select
                {...p}
                className="input"
                value={priority}
                onChange={(e) => setPriority(e.target.value as Priority)}
              >
                {PRIORITIES.map((x) => (
                  <option key={x} value={x}>
                    {PRIORITY_LABELS[x]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="nf-basis" label="Lawful basis" error={errors.lawful_basis}>
            {(p) => (
              <select
                {...p}
                className="input"
                value={basis}
                onChange={(e) => setBasis(e.target.value as LawfulBasis | '')}
              >
                <option value="">None chosen</option>
                {LAWFUL_BASES.map((b) => (
                  <option key={b} value={b}>
                    {BASIS_LABELS[b]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field id="nf-purpose" label="Purpose" error={errors.purpose} hint="Shown as help text on the form.">
          {(p) => (
            <input
              {...p}
              className="input"
              value={purpose}
              maxLength={500}
              onChange={(e) => setPurpose(e.target.value)}
            />
          )}
        </Field>
        <Field id="nf-retention" label="Keep for (months)" error={errors.retention_months}>
          {(p) => (
            <input
              {...p}
              className="input"
              type="number"
              inputMode="numeric"
              min={1}
              value={retention}
              onChange={(e) => setRetention(e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add field'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type Choice = { label: string; was?: string };

/** The choice list of one choice field, saved on its own. */
export function ChoicesEditor({ entry, onSaved }: { entry: RegisterEntry; onSaved: (message: string) => void }) {
  const [choices, setChoices] = useState<Choice[]>(entry.choices.map((c) => ({ label: c, was: c })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `reg-${entry.key}-choices`;
  const dirty = JSON.stringify(choices.map((c) => c.label)) !== JSON.stringify(entry.choices);

  async function save() {
    setBusy(true);
    setError(null);
    const result = await attempt('register.update', { key: entry.key, choices });
    setBusy(false);
    if (!result.ok) return setError(result.error.fields?.[0]?.message ?? result.error.message);
    registerChanged(result.value.entry);
    onSaved(result.value.message);
  }

  return (
    <fieldset className="repeat register__choices" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="repeat__legend">Choices for {entry.label}</legend>
      <p className="field__hint">Renaming a choice also renames it on every record that has it.</p>
      {choices.map((c, i) => (
        <div className="register__choice" key={c.was ?? `new-${i}`}>
          <input
            className="input"
            aria-label={`Choice ${i + 1} of ${entry.label}`}
            value={c.label}
            onChange={(e) => setChoices(choices.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
          />
          <button
            type="button"
            className="button button--small button--danger-quiet"
            aria-label={`Remove choice ${c.label || i + 1} of ${entry.label}`}
            onClick={() => setChoices(choices.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="form__actions">
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => setChoices([...choices, { label: '' }])}
        >
          Add a choice
        </button>
        <button
          type="button"
          className="button button--small button--primary"
          disabled={!dirty || busy}
          onClick={() => void save()}
          aria-label={`Save choices for ${entry.label}`}
        >
          {busy ? 'Saving…' : 'Save choices'}
        </button>
      </div>
    </fieldset>
  );
}

/** Remove an organisation's own field; the core refuses while any record holds a value for it. */
export function RemoveFieldButton({
  entry,
  onDone,
}: {
  entry: RegisterEntry;
  onDone: (message: string, ok: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    const result = await attempt('register.remove', { key: entry.key });
    setBusy(false);
    if (!result.ok) return onDone(result.error.message, false);
    registerRemoved(entry.key);
    onDone(result.value.message, true);
  }
  return (
    <button
      type="button"
      className="button button--small button--danger-quiet"
      disabled={busy}
      onClick={() => void remove()}
      aria-label={`Remove the field ${entry.label}`}
    >
      Remove field
    </button>
  );
}

/** Under a register row: the kind, the special-category warning, the choices, and removal. */
export function FieldExtras({
  entry,
  onSaved,
  onProblem,
}: {
  entry: RegisterEntry;
  onSaved: (message: string) => void;
  onProblem: (message: string) => void;
}) {
  if (entry.kind === null) return null;
  return (
    <div className="register__extras">
      <p className="muted">
        {KIND_LABELS[entry.kind]}
        {entry.custom ? ' · added by you' : ''}
      </p>
      {entry.special && (
        <p className="banner banner--warn" role="note">
          {SPECIAL_WARNING}
        </p>
      )}
      {isChoiceKind(entry.kind) && <ChoicesEditor key={entry.updated_at} entry={entry} onSaved={onSaved} />}
      {entry.custom && (
        <RemoveFieldButton entry={entry} onDone={(message, ok) => (ok ? onSaved(message) : onProblem(message))} />
      )}
    </div>
  );
}
