// The small dialog that logs a contact, kept to the keyboard: C opens it on the kind, Enter saves
// from any box (Shift+Enter for a new line in the summary), Esc cancels. The summary is free text,
// so it gets the notes' guard: words that hint at health, religion and the like need the lawful
// basis confirmed, here as on the customer form.
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { INTERACTION_KIND_LABELS, INTERACTION_KINDS } from '../../../shared/purchases';
import { SensitiveWarning } from '../customers/CustomerFormExtras';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { type Contact, useLogContact } from './useLogContact';

export function LogContactDialog({
  customerId,
  onClose,
  onSaved,
}: {
  customerId: number;
  onClose: () => void;
  onSaved: (saved: Contact) => Promise<void>;
}) {
  const { draft, set, sensitive, setSensitive, freeText, errors, problem, saving, save } = useLogContact(
    customerId,
    onSaved,
  );
  const kind = useRef<HTMLSelectElement>(null);
  // The kind takes the keys once the dialog is shown (showModal would put them on Close).
  useEffect(() => kind.current?.focus(), []);

  // Enter saves from the kind and the summary too (a text box does it by itself); Shift+Enter
  // keeps its new line in the summary.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    if (target.tagName === 'SELECT' || target.tagName === 'TEXTAREA') {
      event.preventDefault();
      void save();
    }
  }

  return (
    <Dialog title="Log a contact with the customer" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate>
        <ErrorBanner message={problem} />
        <div className="grid grid--two">
          <Field id="ct-kind" label="Kind of contact" error={errors.kind}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={draft.kind}
                onChange={(e) => set('kind')(e.target.value)}
                ref={kind}
              >
                {INTERACTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {INTERACTION_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="ct-when" label="When" error={errors.when} hint="Day first: 06/12/2026 14:30">
            {(control) => (
              <input
                {...control}
                className="input"
                value={draft.when}
                onChange={(e) => set('when')(e.target.value)}
                autoComplete="off"
                inputMode="numeric"
              />
            )}
          </Field>
        </div>
        <Field
          id="ct-summary"
          label="What it was about"
          optional
          error={errors.summary}
          hint="Enter saves; Shift+Enter starts a new line."
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea textarea--short"
              rows={3}
              value={draft.summary}
              onChange={(e) => set('summary')(e.target.value)}
            />
          )}
        </Field>
        <Field id="ct-outcome" label="Outcome" optional error={errors.outcome}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={draft.outcome}
              onChange={(e) => set('outcome')(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <SensitiveWarning notes={freeText} value={sensitive} onChange={setSensitive} where="this contact" />
        {errors.sensitive && (
          <p className="field__error" role="alert">
            {errors.sensitive}
          </p>
        )}
        <FormActions onCancel={onClose} busy={saving} label="Log contact" busyLabel="Saving…" />
      </form>
    </Dialog>
  );
}
