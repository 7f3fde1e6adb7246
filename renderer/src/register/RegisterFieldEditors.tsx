// The register settings' editors for a field defined without code (adding one is
// AddFieldDialog.tsx): the choice list of a choice field (renaming a choice moves its stored
// values; the core refuses to drop a choice still in use), and removing an unused custom field.
// The rules are the shared ones; the core checks them again and its messages land beside the boxes.
import { useState } from 'react';
import { isChoiceKind, KIND_LABELS, SPECIAL_WARNING } from '../../../shared/custom-fields';
import type { RegisterEntry } from '../../../shared/register';
import { attempt } from '../client';
import { registerChanged, registerRemoved } from '../register';

type Choice = { label: string; was?: string };

/** The choice list of one choice field, saved on its own. */
function ChoicesEditor({ entry, onSaved }: { entry: RegisterEntry; onSaved: (message: string) => void }) {
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
function RemoveFieldButton({
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
