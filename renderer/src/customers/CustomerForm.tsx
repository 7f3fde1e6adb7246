// New and edit customer form, laid out for the counter: the essentials first (name and contact,
// with the duplicate warning beside them while a new customer is typed, then the address and
// consent), the rest folded under plain headings. Validated by the same zod schema the core uses
// (shared/customer.ts) plus the register's must-haves; after a failed save the cursor goes to the
// first field in error and a summary is announced. Cancel and Esc ask before losing typed details.
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { type Control, type FieldErrors, useForm, useWatch } from 'react-hook-form';
import type { CustomerData } from '../../../shared/customer';
import type { CompletenessField } from '../../../shared/fields';
import { appliesTo } from '../../../shared/profile-details';
import { askable, formRule } from '../../../shared/register';
import { useFieldAccess } from '../fieldAccess';
import { fullName } from '../format';
import { shortcutOf } from '../keys';
import { useRole } from '../permissions';
import { useRegister } from '../register';
import { openPane, useWorkspace } from '../store';
import { DiscardDialog } from '../ui/DiscardDialog';
import { ErrorSummary, problemsOf } from '../ui/ErrorSummary';
import { Fold } from '../ui/Fold';
import { FormFooter } from '../ui/FormFooter';
import { focusFirstError } from '../ui/focusError';
import { AddressesCard } from './AddressesCard';
import { ContactCard } from './ContactLists';
import { useProfileExtras } from './CustomerFormExtras';
import { FormHead } from './CustomerFormHead';
import { CustomFieldsSection, type FieldsDraft } from './CustomFieldsSection';
import { DuplicateWarning } from './DuplicateWarning';
import { BLANK, customerResolver, type Draft, hasTyped, toDraft } from './draft';
import { fieldId, type Rule } from './formParts';
import { NameCard } from './NameCard';
import { MembershipFields } from './OrganisationPicker';
import { OtherDetailsFold } from './OtherDetailsFold';
import { useCustomerSave } from './useCustomerSave';
import { useDuplicateGate } from './useDuplicateCheck';

type Props = { mode: 'new' | 'edit'; onDone: () => void };

export function CustomerForm({ mode, onDone }: Props) {
  const editing = useWorkspace((s) => (mode === 'edit' ? s.current : null));
  const correcting = useWorkspace((s) => (s.pane.kind === 'edit' ? s.pane.request : undefined));
  const registerRules = useRegister();
  const role = useRole();
  // The resolver is made once; it reads the register as it is at each validation. Must-haves the
  // person can fill: a locked register-defined field is not asked of them on an edit.
  const rulesRef = useRef(registerRules);
  rulesRef.current = registerRules && askable(registerRules, role, Boolean(editing));
  const resolver = useMemo(() => customerResolver(() => rulesRef.current), []);
  // What the role may not see stays off the form; what it may not change is shown read-only.
  const access = useFieldAccess(editing, registerRules);
  const rule = (key: CompletenessField): Rule => {
    const base = formRule(registerRules, key);
    return access.hidden.has(key) ? { ...base, hidden: true } : base;
  };
  const ruled = (key: CompletenessField) => ({ ...rule(key), readOnly: access.locked.has(key) });
  // biome-ignore lint/correctness/useExhaustiveDependencies: where the form started, read once
  const start = useMemo(() => (editing ? toDraft(editing) : BLANK), []);
  const form = useForm<Draft, unknown, CustomerData>({ resolver, defaultValues: start, shouldFocusError: false });
  const { register, control, handleSubmit, getValues, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const parts = { control, register, errors };
  const values = useWatch({ control }) as Draft;
  const shown = (key: CompletenessField) => !rule(key).hidden && appliesTo(values.kind, key);
  const extras = useProfileExtras(!editing, values, registerRules);
  // New records only: warn about a likely existing record while the person is still at the counter.
  const gate = useDuplicateGate(values, mode === 'new');
  const [asked, setAsked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Where the cursor goes once the form has drawn what a save attempt showed (the errors reach
  // the page a render after the form says the save failed, so the request waits for them).
  const pendingFocus = useRef<'error' | 'duplicate' | null>(null);
  const [, redraw] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (pendingFocus.current === 'error' && focusFirstError(formRef.current)) pendingFocus.current = null;
    const warning = document.getElementById('dup-warning-title');
    if (pendingFocus.current === 'duplicate' && warning) {
      warning.focus();
      pendingFocus.current = null;
    }
  });
  const focus = (to: 'error' | 'duplicate') => {
    pendingFocus.current = to;
    redraw((n) => n + 1);
  };
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
        return focus('duplicate');
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
        {problem && (
          <div className="banner banner--error" role="alert">
            <span>{problem.message}</span>
            {problem.conflict && (
              <button type="button" className="button button--small" onClick={reloadLatest}>
                Discard my changes and reload
              </button>
            )}
          </div>
        )}
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

        {values.kind !== 'organisation' && (
          <Fold
            title="Organisation and role"
            note="The organisation they belong to"
            defaultOpen={Boolean(start.organisation_id || start.job_title)}
          >
            <MembershipFields {...parts} current={editing?.organisation ?? null} />
          </Fold>
        )}
        <OtherDetailsFold
          {...parts}
          shown={shown}
          ruled={ruled}
          defaultOpen={
            Boolean(start.date_of_birth || start.ref || start.notes) ||
            (['date_of_birth', 'ref', 'notes'] as const).some((k) => shown(k) && rule(k).required)
          }
        />
        <CustomFieldsSection
          register={registerRules}
          control={control as unknown as Control<FieldsDraft>}
          errors={errors as FieldErrors<FieldsDraft>}
          editing={Boolean(editing)}
          stored={start.fields}
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
