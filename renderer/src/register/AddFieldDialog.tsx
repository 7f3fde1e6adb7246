// "Add a field" in the register settings: a dialog with the name, kind, category, priority,
// purpose, basis, retention and, for choice fields, the choices. The rules are the shared ones;
// the core checks them again and its messages land beside the boxes.
import { useState } from 'react';
import { FIELD_KINDS, type FieldKind, isChoiceKind, KIND_LABELS } from '../../../shared/custom-fields';
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
} from '../../../shared/register';
import { attempt } from '../client';
import { registerAdded } from '../register';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { Options } from '../ui/Options';
import { placeRefusal } from '../ui/refusal';

type Errors = Record<string, string>;

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
    if (!result.ok) {
      const { errors, problem } = placeRefusal(result.error);
      return setErrors(problem === null ? errors : { form: problem });
    }
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
        <ErrorBanner message={errors.form} />
        <Field id="nf-label" label="Name of the field" error={errors.label} hint="As staff will see it on the form.">
          {(p) => (
            <input {...p} className="input" value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} />
          )}
        </Field>
        <div className="grid grid--two">
          <Field id="nf-kind" label="Kind of value">
            {(p) => (
              <select {...p} className="input" value={kind} onChange={(e) => setKind(e.target.value as FieldKind)}>
                <Options values={FIELD_KINDS} labels={KIND_LABELS} />
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
                <Options values={CATEGORIES} labels={CATEGORY_LABELS} />
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
                <Options values={PRIORITIES} labels={PRIORITY_LABELS} />
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
                <Options values={LAWFUL_BASES} labels={BASIS_LABELS} />
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
        <FormActions onCancel={onClose} busy={busy} label="Add field" busyLabel="Adding…" />
      </form>
    </Dialog>
  );
}
