// New and edit customer form: react-hook-form validated by the same zod schema the core uses
// (shared/customer.ts), so errors appear beside the fields before anything is sent. What the
// core still refuses comes back as field paths ("phones.0.number") and lands on the same fields.
import { zodResolver } from '@hookform/resolvers/zod';
import { type KeyboardEvent, type ReactNode, useId, useMemo, useRef, useState } from 'react';
import {
  type Control,
  type FieldErrors,
  type FieldPath,
  get,
  type Resolver,
  set,
  type UseFormRegister,
  useFieldArray,
  useForm,
  useWatch,
} from 'react-hook-form';
import type { AppError } from '../../../shared/contract/result';
import { type Customer, type CustomerData, type CustomerDraft, CustomerInput, LIMITS } from '../../../shared/customer';
import type { CompletenessField } from '../../../shared/fields';
import {
  type AddressKind,
  appliesTo,
  type CollectionChannel,
  type CustomerKind,
} from '../../../shared/profile-details';
import { askable, formRule, mustHaveErrors, type RegisterEntry } from '../../../shared/register';
import { attempt } from '../client';
import {
  CustomFieldsSection,
  draftFieldErrors,
  draftFields,
  type FieldsDraft,
  sensitiveText,
} from '../customers/CustomFieldsSection';
import { useFieldAccess } from '../fieldAccess';
import { fullName } from '../format';
import { shortcutOf } from '../keys';
import { useRole } from '../permissions';
import { useRegister } from '../register';
import { openPane, recordAdded, recordChanged, useWorkspace } from '../store';
import { FormDateInput } from '../ui/DateInput';
import { Field } from '../ui/Field';
import {
  type ConsentChoice,
  ConsentStep,
  profileExtras,
  type SensitiveChoice,
  SensitiveWarning,
  useConsentWording,
} from './CustomerFormExtras';
import { DuplicateWarning, useDuplicateCheck } from './DuplicateWarning';
import { AddressKindDates, CollectedVia, KindAndOrganisation } from './ProfileDetailsForm';

export type Draft = {
  kind: CustomerKind;
  organisation_name: string;
  organisation_id: number | null;
  job_title: string;
  collected_via: CollectionChannel;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  emails: { address: string; label: string }[];
  phones: { number: string; label: string }[];
  addresses: {
    line1: string;
    line2: string;
    town: string;
    region: string;
    postcode: string;
    country: string;
    label: string;
    kind: AddressKind;
    valid_from: string;
    valid_to: string;
  }[];
  date_of_birth: string;
  notes: string;
  fields: FieldsDraft['fields'];
};

const BLANK: Draft = {
  kind: 'person',
  organisation_name: '',
  organisation_id: null,
  job_title: '',
  collected_via: 'counter',
  ref: '',
  title: '',
  given_name: '',
  family_name: '',
  preferred_name: '',
  emails: [],
  phones: [],
  addresses: [],
  date_of_birth: '',
  notes: '',
  fields: {},
};

const NEW_ADDRESS: Draft['addresses'][number] = {
  line1: '',
  line2: '',
  town: '',
  region: '',
  postcode: '',
  country: 'GB',
  label: '',
  kind: 'home',
  valid_from: '',
  valid_to: '',
};

function toDraft(c: Customer): Draft {
  return {
    kind: c.kind,
    organisation_name: c.organisation_name,
    organisation_id: c.organisation_id,
    job_title: c.job_title,
    collected_via: 'counter',
    ref: c.ref,
    title: c.title,
    given_name: c.given_name,
    family_name: c.family_name,
    preferred_name: c.preferred_name,
    emails: c.emails.map(({ address, label }) => ({ address, label })),
    phones: c.phones.map(({ number, label }) => ({ number, label })),
    addresses: c.addresses.map((a) => ({ ...a })),
    date_of_birth: c.date_of_birth,
    notes: c.notes,
    fields: draftFields(c.fields),
  };
}

// The form's values are the schema's input shape with every field present.
const resolver = zodResolver<CustomerDraft, unknown, CustomerData>(
  CustomerInput,
) as unknown as import('react-hook-form').Resolver<Draft, unknown, CustomerData>;

/**
 * The register's must-haves on top of the schema, so the form refuses what the core would and
 * says so beside the field (or beside the list, when there is no email/phone/address row yet).
 */
function withMustHaves(base: Resolver<Draft, unknown, CustomerData>, rules: () => RegisterEntry[] | null) {
  const checked: Resolver<Draft, unknown, CustomerData> = async (values, context, options) => {
    const result = await base(values, context, options);
    const missing = [...draftFieldErrors(values, rules()), ...mustHaveErrors(values, rules() ?? [])];
    if (missing.length === 0) return result;
    const errors = { ...result.errors };
    for (const m of missing) if (!get(errors, m.path)) set(errors, m.path, { type: 'required', message: m.message });
    return { values: {}, errors };
  };
  return checked;
}

/** Required / hidden / help text for one built-in field, from the register. */
type Rule = ReturnType<typeof formRule>;

type Props = { mode: 'new' | 'edit'; onDone: () => void };

export function CustomerForm({ mode, onDone }: Props) {
  const editing = useWorkspace((s) => (mode === 'edit' ? s.current : null));
  // The rectification request this edit carries out, if opened from one.
  const correcting = useWorkspace((s) => (s.pane.kind === 'edit' ? s.pane.request : undefined));
  const [problem, setProblem] = useState<{ message: string; conflict: boolean } | null>(null);
  // Consent is taken in the same step only on a new record; later changes are consent events.
  const wording = useConsentWording(!editing);
  const [consentChannels, setConsentChannels] = useState<ConsentChoice['channels']>([]);
  const [sensitive, setSensitive] = useState<SensitiveChoice>({ lawful_basis: '', note: '' });
  const registerRules = useRegister();
  // The resolver is made once; it reads the register as it is at each validation.
  const rulesRef = useRef(registerRules);
  const role = useRole();
  // Must-haves the person can fill: a locked register-defined field is not asked of them on an edit.
  rulesRef.current = registerRules && askable(registerRules, role, Boolean(editing));
  const checkedResolver = useMemo(() => withMustHaves(resolver, () => rulesRef.current), []);
  // What the role may not see stays off the form; what it may not change is shown read-only.
  const access = useFieldAccess(editing, registerRules);
  const rule = (key: CompletenessField): Rule => {
    const base = formRule(registerRules, key);
    return access.hidden.has(key) ? { ...base, hidden: true } : base;
  };
  const ruled = (key: CompletenessField) => ({
    hint: rule(key).hint,
    required: rule(key).required,
    readOnly: access.locked.has(key),
  });
  const mustHaveLabels = (registerRules ?? []).filter((r) => r.priority === 'must_have').map((r) => r.label);
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setError,
    setFocus,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<Draft, unknown, CustomerData>({
    resolver: checkedResolver,
    defaultValues: editing ? toDraft(editing) : BLANK,
  });
  // An organisation's record has no person's name fields.
  const kind = useWatch({ control, name: 'kind' });
  const shown = (key: CompletenessField) => !rule(key).hidden && appliesTo(kind, key);
  // New records only: warn about a likely existing record while the person is still at the counter.
  const check = useDuplicateCheck(useWatch({ control }) as Draft, mode === 'new');

  async function save() {
    setProblem(null);
    // The core gets what was typed and does its own cleaning; its field paths then match the form.
    const draft = {
      ...getValues(),
      ...profileExtras(
        { wording, channels: consentChannels },
        sensitive,
        sensitiveText(getValues('notes'), getValues(), registerRules),
      ),
    };
    const result = editing
      ? await attempt('customers.update', {
          id: editing.id,
          version: editing.version,
          data: draft,
          ...(correcting === undefined ? {} : { request_id: correcting }),
        })
      : await attempt('customers.create', draft);
    if (result.ok) {
      if (editing) recordChanged(result.value);
      else recordAdded(result.value, fullName(result.value));
      return;
    }
    showRefusal(result.error);
  }

  function showRefusal(error: AppError) {
    const unplaced: string[] = [];
    let first: FieldPath<Draft> | null = null;
    for (const f of error.fields ?? []) {
      const path = f.path.replace(/^data\./, '');
      const value = get(getValues(), path);
      if (typeof value === 'string') {
        setError(path as FieldPath<Draft>, { type: 'core', message: f.message });
        first ??= path as FieldPath<Draft>;
      } else if (Array.isArray(value)) {
        // A missing must-have with no row yet (no phone at all): the message sits by the list.
        setError(path as FieldPath<Draft>, { type: 'core', message: f.message });
      } else {
        unplaced.push(f.message);
      }
    }
    if (first) setFocus(first);
    const conflict = error.code === 'CONFLICT' && !error.fields?.length;
    if (!first || unplaced.length > 0 || conflict) {
      setProblem({ message: [error.message, ...unplaced].join(' '), conflict });
    }
  }

  function cancel() {
    if (editing) openPane({ kind: 'view', id: editing.id }, editing);
    else openPane({ kind: 'empty' });
    onDone();
  }

  function reloadLatest() {
    if (!editing) return;
    // Dropping `current` makes the view read the record afresh.
    openPane({ kind: 'view', id: editing.id }, null);
  }

  const submit = handleSubmit(save);

  function onKeyDown(event: KeyboardEvent) {
    if (shortcutOf(event) === 'save') {
      event.preventDefault();
      void submit();
    }
  }

  const title = editing ? `Edit ${fullName(editing)}` : 'New customer';

  return (
    <form className="record editor" aria-labelledby="editor-title" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <header className="record__head">
        <div>
          <h1 id="editor-title" className="record__name">
            {title}
          </h1>
          <p className="record__sub muted">
            {mustHaveLabels.length > 0
              ? `Must-haves: ${mustHaveLabels.join(', ')}. A given name or a family name is always needed.`
              : 'Only a given name or a family name is required.'}
          </p>
        </div>
      </header>
      {correcting !== undefined && (
        <p className="banner banner--info">
          Correcting the record for rectification request {correcting}: the fields you change are listed on the request.
        </p>
      )}

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
      {!problem && Object.keys(errors).length > 0 && (
        <div className="banner banner--error" role="alert">
          Some values need correcting; see the messages beside the fields.
        </div>
      )}

      <section className="card" aria-labelledby="ed-name">
        <h2 className="card__title" id="ed-name">
          Name
        </h2>
        <KindAndOrganisation
          part="kind"
          control={control}
          register={register}
          errors={errors}
          current={editing?.organisation ?? null}
        />
        <div className="grid grid--name">
          {shown('title') && (
            <TextField
              name="title"
              label="Title"
              register={register}
              errors={errors}
              autoComplete="honorific-prefix"
              {...ruled('title')}
            />
          )}
          {shown('given_name') && (
            <TextField
              name="given_name"
              label="Given name"
              register={register}
              errors={errors}
              autoComplete="given-name"
              autoFocus={mode === 'new'}
              {...ruled('given_name')}
            />
          )}
          {shown('family_name') && (
            <TextField
              name="family_name"
              label="Family name"
              register={register}
              errors={errors}
              autoComplete="family-name"
              {...ruled('family_name')}
            />
          )}
          {shown('preferred_name') && (
            <TextField
              name="preferred_name"
              label="Preferred name"
              register={register}
              errors={errors}
              optional
              {...ruled('preferred_name')}
            />
          )}
        </div>
        <KindAndOrganisation
          part="membership"
          control={control}
          register={register}
          errors={errors}
          current={editing?.organisation ?? null}
        />
      </section>

      <section className="card" aria-labelledby="ed-contact">
        <h2 className="card__title" id="ed-contact">
          Contact
        </h2>
        {shown('email') && (
          <Emails
            control={control}
            register={register}
            errors={errors}
            rule={rule('email')}
            locked={access.locked.has('email')}
          />
        )}
        {shown('phone') && (
          <Phones
            control={control}
            register={register}
            errors={errors}
            rule={rule('phone')}
            locked={access.locked.has('phone')}
          />
        )}
      </section>

      <Addresses
        control={control}
        register={register}
        errors={errors}
        postcode={rule('postcode')}
        town={rule('town')}
      />

      <section className="card" aria-labelledby="ed-other">
        <h2 className="card__title" id="ed-other">
          Other details
        </h2>
        <div className="grid grid--two">
          {shown('date_of_birth') && (
            <Field
              id={fieldId('date_of_birth')}
              label={<Required label="Date of birth" required={ruled('date_of_birth').required} />}
              optional={!ruled('date_of_birth').required}
              error={message(errors, 'date_of_birth')}
              hint={ruled('date_of_birth').hint}
            >
              {(c) => (
                <FormDateInput
                  {...c}
                  control={control}
                  name="date_of_birth"
                  readOnly={ruled('date_of_birth').readOnly}
                  aria-required={ruled('date_of_birth').required || undefined}
                />
              )}
            </Field>
          )}
          {shown('ref') && (
            <TextField
              name="ref"
              label="Customer number"
              register={register}
              errors={errors}
              optional
              {...ruled('ref')}
            />
          )}
        </div>
        {shown('notes') && (
          <Field
            id="f-notes"
            label={<Required label="Notes" required={rule('notes').required} />}
            optional={!rule('notes').required}
            error={message(errors, 'notes')}
            hint={joinHints(rule('notes').hint, 'Never record payment card numbers here.')}
          >
            {(control) => (
              <textarea
                {...control}
                {...register('notes')}
                className="input textarea"
                rows={5}
                readOnly={access.locked.has('notes')}
              />
            )}
          </Field>
        )}
        <SensitiveWarning
          notes={sensitiveText(watch('notes'), watch(), registerRules)}
          value={sensitive}
          onChange={setSensitive}
        />
        <CollectedVia register={register} />
      </section>

      <CustomFieldsSection
        register={registerRules}
        control={control as unknown as Control<FieldsDraft>}
        errors={errors as FieldErrors<FieldsDraft>}
        editing={Boolean(editing)}
      />

      {!editing && (
        <ConsentStep value={{ wording, channels: consentChannels }} onChange={(v) => setConsentChannels(v.channels)} />
      )}

      <div aria-live="polite">
        <DuplicateWarning check={check} />
      </div>

      <footer className="editor__bar">
        <span className="muted editor__tip">
          <kbd className="kbd">Ctrl S</kbd> saves
        </span>
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : editing ? 'Save changes' : 'Save customer'}
        </button>
      </footer>
    </form>
  );
}

type Parts = { register: UseFormRegister<Draft>; errors: FieldErrors<Draft> };

function message(errors: FieldErrors<Draft>, path: string): string | undefined {
  const found = get(errors, path) as { message?: string } | undefined;
  return found?.message;
}

function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

function TextField({
  name,
  label,
  register,
  errors,
  optional,
  type = 'text',
  autoComplete,
  autoFocus,
  hint,
  className,
  required,
  readOnly,
}: Parts & {
  name: FieldPath<Draft>;
  label: ReactNode;
  optional?: boolean;
  /** A must-have in the register: marked, and never shown as optional. */
  required?: boolean;
  type?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  hint?: string;
  className?: string;
  /** The register does not let this role change it: shown, not editable. */
  readOnly?: boolean;
}) {
  return (
    <Field
      id={fieldId(name)}
      label={<Required label={label} required={required} />}
      optional={optional && !required}
      error={message(errors, name)}
      hint={hint}
      className={className}
    >
      {(control) => (
        <input
          {...control}
          {...register(name)}
          type={type}
          className="input"
          autoComplete={autoComplete ?? 'off'}
          aria-required={required || undefined}
          readOnly={readOnly}
          // biome-ignore lint/a11y/noAutofocus: a new record starts at its first field
          autoFocus={autoFocus}
        />
      )}
    </Field>
  );
}

function Emails({
  control,
  register,
  errors,
  rule,
  locked,
}: Parts & { control: Control<Draft, unknown, CustomerData>; rule: Rule; locked?: boolean }) {
  const { fields, append, remove } = useFieldArray({ control, name: 'emails' });
  return (
    <fieldset className="repeat" disabled={locked}>
      <legend className="repeat__legend">
        <Required label="Email addresses" required={rule.required} />
      </legend>
      <ListNote id="f-emails" hint={rule.hint} error={message(errors, 'emails')} />
      {fields.map((f, i) => (
        <div className="repeat__row grid grid--contact" key={f.id}>
          <TextField
            name={`emails.${i}.address`}
            label={numbered('Email address', i, fields.length)}
            type="email"
            register={register}
            errors={errors}
          />
          <TextField
            name={`emails.${i}.label`}
            label={numbered('Label', i, fields.length, 'email')}
            register={register}
            errors={errors}
            optional
          />
          <RemoveButton label={`Remove email address ${i + 1}`} onClick={() => remove(i)} />
        </div>
      ))}
      <AddButton
        disabled={fields.length >= LIMITS.emails}
        onClick={() => append({ address: '', label: '' })}
        label={fields.length ? 'Add another email' : 'Add email'}
      />
    </fieldset>
  );
}

function Phones({
  control,
  register,
  errors,
  rule,
  locked,
}: Parts & { control: Control<Draft, unknown, CustomerData>; rule: Rule; locked?: boolean }) {
  const { fields, append, remove } = useFieldArray({ control, name: 'phones' });
  return (
    <fieldset className="repeat" disabled={locked}>
      <legend className="repeat__legend">
        <Required label="Phone numbers" required={rule.required} />
      </legend>
      <ListNote id="f-phones" hint={rule.hint} error={message(errors, 'phones')} />
      {fields.map((f, i) => (
        <div className="repeat__row grid grid--contact" key={f.id}>
          <TextField
            name={`phones.${i}.number`}
            label={numbered('Phone number', i, fields.length)}
            type="tel"
            register={register}
            errors={errors}
          />
          <TextField
            name={`phones.${i}.label`}
            label={numbered('Label', i, fields.length, 'phone')}
            register={register}
            errors={errors}
            optional
          />
          <RemoveButton label={`Remove phone number ${i + 1}`} onClick={() => remove(i)} />
        </div>
      ))}
      <AddButton
        disabled={fields.length >= LIMITS.phones}
        onClick={() => append({ number: '', label: '' })}
        label={fields.length ? 'Add another phone' : 'Add phone'}
      />
    </fieldset>
  );
}

function Addresses({
  control,
  register,
  errors,
  postcode,
  town,
}: Parts & { control: Control<Draft, unknown, CustomerData>; postcode: Rule; town: Rule }) {
  const { fields, append, remove } = useFieldArray({ control, name: 'addresses' });
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 className="card__title" id={headingId}>
        <Required label="Addresses" required={postcode.required || town.required} />
      </h2>
      <ListNote id="f-addresses" error={message(errors, 'addresses')} />
      {fields.length === 0 && <p className="muted">No address yet.</p>}
      {fields.map((f, i) => (
        <fieldset className="repeat repeat--boxed" key={f.id}>
          <legend className="repeat__legend">Address {i + 1}</legend>
          <div className="grid grid--address">
            <TextField
              name={`addresses.${i}.line1`}
              label="Address line 1"
              register={register}
              errors={errors}
              className="span-2"
              autoComplete="address-line1"
            />
            <TextField
              name={`addresses.${i}.line2`}
              label="Address line 2"
              register={register}
              errors={errors}
              optional
              className="span-2"
              autoComplete="address-line2"
            />
            {!town.hidden && (
              <TextField
                name={`addresses.${i}.town`}
                label="Town or city"
                register={register}
                errors={errors}
                hint={town.hint}
                required={town.required}
              />
            )}
            <TextField
              name={`addresses.${i}.region`}
              label="County or region"
              register={register}
              errors={errors}
              optional
            />
            {!postcode.hidden && (
              <TextField
                name={`addresses.${i}.postcode`}
                label="Postcode"
                register={register}
                errors={errors}
                autoComplete="postal-code"
                hint={postcode.hint}
                required={postcode.required}
              />
            )}
            <TextField
              name={`addresses.${i}.country`}
              label="Country"
              register={register}
              errors={errors}
              hint="Code or name; GB for the UK."
            />
            <TextField
              name={`addresses.${i}.label`}
              label="Label"
              register={register}
              errors={errors}
              optional
              hint="Your own name for it, for example Head office."
            />
          </div>
          <AddressKindDates index={i} control={control} register={register} errors={errors} />
          <RemoveButton label={`Remove address ${i + 1}`} onClick={() => remove(i)} text="Remove address" />
        </fieldset>
      ))}
      <AddButton
        disabled={fields.length >= LIMITS.addresses}
        onClick={() => append({ ...NEW_ADDRESS })}
        label={fields.length ? 'Add another address' : 'Add address'}
      />
    </section>
  );
}

/** A label, marked "(required)" when the register makes the field a must-have. */
function Required({ label, required }: { label: ReactNode; required?: boolean | undefined }) {
  if (!required) return <>{label}</>;
  return (
    <>
      {label}
      <span className="field__required"> (required)</span>
    </>
  );
}

function joinHints(...hints: (string | undefined)[]): string {
  return hints.filter(Boolean).join(' ');
}

/** The register's purpose, and a must-have message, for a list (emails, phones, addresses). */
function ListNote({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  if (error) {
    return (
      <p className="field__error" id={`${id}-error`} role="alert">
        {error}
      </p>
    );
  }
  return hint ? (
    <p className="field__hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

/** "Email address" for one row; "Email address 2" etc. when there are several. */
function numbered(label: string, index: number, count: number, of?: string): ReactNode {
  const suffix = count > 1 ? ` ${index + 1}` : '';
  return (
    <>
      {label}
      {of && <span className="sr-only"> for {of}</span>}
      {suffix}
    </>
  );
}

function AddButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled: boolean }) {
  return (
    <button type="button" className="button button--small button--quiet" onClick={onClick} disabled={disabled}>
      <svg className="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path d="M10 4v12M4 10h12" />
      </svg>
      {label}
    </button>
  );
}

function RemoveButton({ label, onClick, text }: { label: string; onClick: () => void; text?: string }) {
  return (
    <button
      type="button"
      className="button button--small button--danger-quiet repeat__remove"
      aria-label={label}
      onClick={onClick}
    >
      <svg className="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path d="M5 5l10 10M15 5L5 15" />
      </svg>
      {text ?? <span aria-hidden="true">Remove</span>}
    </button>
  );
}
