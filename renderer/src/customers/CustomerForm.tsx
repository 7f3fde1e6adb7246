// New and edit customer form, laid out for the counter: the essentials first (name and contact,
// with the duplicate warning beside them while a new customer is typed, then the address and
// consent), the rest folded under plain headings. Validated by the same zod schema the core uses
// (shared/customer.ts) plus the register's must-haves; after a failed save the cursor goes to the
// first field in error and a summary is announced. Cancel and Esc ask before losing typed details.
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { CustomerData } from '../../../shared/customer';
import { fullName } from '../format';
import { shortcutOf } from '../keys';
import { openPane, useWorkspace } from '../store';
import { DiscardDialog } from '../ui/DiscardDialog';
import { ErrorSummary, problemsOf } from '../ui/ErrorSummary';
import { FormFooter } from '../ui/FormFooter';
import { usePendingFocus } from '../ui/usePendingFocus';
import { AddressesCard } from './AddressesCard';
import { ContactCard } from './ContactLists';
import { useProfileExtras } from './CustomerFormExtras';
import { FormHead } from './CustomerFormHead';
import { DuplicateWarning } from './DuplicateWarning';
import { BLANK, type Draft, hasTyped, toDraft } from './draft';
import { FoldedDetails } from './FoldedDetails';
import { fieldId } from './formParts';
import { NameCard } from './NameCard';
import { SaveProblem, useCustomerSave } from './useCustomerSave';
import { useDuplicateGate } from './useDuplicateCheck';
import { useFormRules } from './useFormRules';

type Props = { mode: 'new' | 'edit'; onDone: () => void };

export function CustomerForm({ mode, onDone }: Props) {
  const editing = useWorkspace((s) => (mode === 'edit' ? s.current : null));
  const correcting = useWorkspace((s) => (s.pane.kind === 'edit' ? s.pane.request : undefined));
  const { rules: registerRules, resolver, access, rule, ruled, shownFor } = useFormRules(editing);
  // biome-ignore lint/correctness/useExhaustiveDependencies: where the form started, read once
  const start = useMemo(() => (editing ? toDraft(editing) : BLANK), []);
  const form = useForm<Draft, unknown, CustomerData>({ resolver, defaultValues: start, shouldFocusError: false });
  const { register, control, handleSubmit, getValues, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const parts = { control, register, errors };
  const values = useWatch({ control }) as Draft;
  const shown = shownFor(values.kind);
  const extras = useProfileExtras(!editing, values, registerRules);
  // New records only: warn about a likely existing record while the person is still at the counter.
  const gate = useDuplicateGate(values, mode === 'new');
  const [asked, setAsked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focus = usePendingFocus(formRef);
  const { problem, save, reloadLatest } = useCustomerSave({
    editing,
    correcting,
    getValues,
    setError,
    extras: extras.forSave,
    onFieldsRefused: () => focus('error'),
  });

  const submit = handleSubmit(
    async () => {
      if (!(await gate.clear(getValues()))) {
        setAsked(true);
        return focus('dup-warning-title');
      }
      await save();
    },
    () => focus('error'),
  );

  function leave() {
    if (editing) openPane({ kind: 'view', id: editing.id }, editing);
    else openPane({ kind: 'empty' });
    onDone();
  }

  const cancel = () => (hasTyped(getValues(), start) || extras.touched ? setConfirming(true) : leave());

  function onKeyDown(event: KeyboardEvent) {
    if (shortcutOf(event) === 'save') {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      cancel();
    }
  }

  return (
    <>
      <form
        ref={formRef}
        className="record editor"
        aria-labelledby="editor-title"
        onSubmit={submit}
        onKeyDown={onKeyDown}
        noValidate
      >
        <FormHead editing={editing} rules={registerRules} correcting={correcting} />
        <SaveProblem problem={problem} onReload={reloadLatest} />
        <ErrorSummary problems={problemsOf(errors, fieldId)} />

        <div className={editing ? 'essentials' : 'essentials essentials--aside'}>
          <div className="essentials__main">
            <NameCard {...parts} shown={shown} ruled={ruled} autoFocus={mode === 'new'} />
            <ContactCard
              show={shown}
              email={{ ...parts, rule: rule('email'), locked: access.locked.has('email') }}
              phone={{ ...parts, rule: rule('phone'), locked: access.locked.has('phone') }}
            />
          </div>
          {!editing && (
            <div className="dup-aside" aria-live="polite">
              <DuplicateWarning gate={gate} asked={asked} />
            </div>
          )}
        </div>
        <AddressesCard {...parts} postcode={rule('postcode')} town={rule('town')} />
        {extras.consentStep}

        <FoldedDetails
          {...parts}
          editing={editing}
          start={start}
          kind={values.kind}
          rules={registerRules}
          shown={shown}
          ruled={ruled}
        />
        {extras.sensitiveWarning}

        <FormFooter
          onCancel={cancel}
          saving={isSubmitting}
          saveLabel={editing ? 'Save changes' : 'Save customer'}
          heldBy={gate.held ? 'dup-hold' : undefined}
        />
      </form>
      {confirming && (
        <DiscardDialog
          what={editing ? `Your changes to ${fullName(editing)}` : 'The details typed for this new customer'}
          onKeep={() => setConfirming(false)}
          onDiscard={leave}
        />
      )}
    </>
  );
}
