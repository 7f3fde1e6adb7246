// "Requests & disclosures" on a customer's record: the customer's disclosure history (who
// asked, why, on what lawful basis, which fields went out by which channel, when, and how
// receipt was confirmed), a form to record a new request, and each request's next step:
// approve or refuse, hand over (fields nudged towards the minimum, a channel, a file or the
// screen), the subject-access pack, and confirmation of receipt. The fields offered, and whether
// this role may prepare a subject-access pack, come from the core (requests.options): a pack
// this role may not prepare shows whom to ask instead.
import { type FormEvent, useCallback, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { contract, type Output } from '../../../shared/contract';
import {
  CHANNEL_LABELS,
  CHANNELS,
  type InfoRequest,
  LAWFUL_BASES,
  LAWFUL_BASIS_LABELS,
  REQUEST_KINDS,
  REQUESTER_TYPES,
} from '../../../shared/contract/requests';
import type { Customer } from '../../../shared/customer';
import { HANDOVER_FIELDS, type HandoverField, MINIMUM_FIELDS } from '../../../shared/handover';
import { PROVENANCE_FIELDS } from '../../../shared/profile-details';
import { attempt } from '../client';
import { base64ToBytes, saveFile } from '../download';
import { formatDay, formatStamp, fullName } from '../format';
import { contractResolver } from '../forms';
import { useCan } from '../permissions';
import {
  CONFIRM_LABELS,
  CONFIRM_METHODS,
  type ConfirmMethod,
  isOverdue,
  KIND_LABELS,
  KIND_SHORT,
  REQUESTER_LABELS,
  STATUS_LABELS,
  today,
} from '../requests/requestLabels';
import { openPane } from '../store';
import { FormDateInput } from '../ui/DateInput';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { PassphraseInput } from '../ui/PassphraseInput';
import { useLoad } from '../useLoad';

type Options = Output<'requests.options'>;
const loadOptions = () => attempt('requests.options', {});

export function RequestsSection({ customer }: { customer: Customer }) {
  const {
    data: requests,
    error: problem,
    reload: load,
  } = useLoad(useCallback(() => attempt('requests.list', { customer_id: customer.id }), [customer.id]));
  const { data: options, error: optionsProblem } = useLoad(loadOptions);
  const [adding, setAdding] = useState(false);
  const canCreate = useCan('requests.create');

  return (
    <section className="card" aria-labelledby="rec-requests">
      <div className="card__bar">
        <h2 className="card__title" id="rec-requests">
          Requests &amp; disclosures
        </h2>
        {canCreate && !adding && (
          <button type="button" className="button button--small" onClick={() => setAdding(true)}>
            New request
          </button>
        )}
      </div>
      <ErrorBanner message={problem ?? optionsProblem} />
      {adding && (
        <NewRequestForm
          customer={customer}
          onCancel={() => setAdding(false)}
          onSaved={async () => {
            setAdding(false);
            await load();
          }}
        />
      )}
      {requests === null && !problem && <p className="muted">Reading the requests…</p>}
      {requests?.length === 0 && !adding && (
        <p className="muted">No requests yet. Nothing from this record has been handed over.</p>
      )}
      {requests && requests.length > 0 && (
        <ol className="requests">
          {requests.map((r) => (
            <li key={r.id}>
              <RequestCard request={r} customer={customer} options={options} onChanged={load} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ---------- recording a request ----------

type Draft = {
  kind: InfoRequest['kind'];
  requester_type: InfoRequest['requester_type'];
  requester_name: string;
  requester_org: string;
  reason: string;
  identity_check: string;
  lawful_basis: InfoRequest['lawful_basis'] | '';
  received_on: string;
};

function NewRequestForm({
  customer,
  onCancel,
  onSaved,
}: {
  customer: Customer;
  onCancel: () => void;
  onSaved: () => Promise<void>;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Draft>({
    resolver: contractResolver<Draft>(contract['requests.create'].input, (v) => ({
      ...v,
      customer_id: customer.id,
      lawful_basis: v.lawful_basis || undefined,
      received_on: v.received_on || undefined,
    })),
    defaultValues: {
      kind: 'disclosure',
      requester_type: 'customer',
      requester_name: fullName(customer),
      requester_org: '',
      reason: '',
      identity_check: '',
      lawful_basis: '',
      received_on: today(),
    },
  });

  const submit = handleSubmit(async (v) => {
    setProblem(null);
    const result = await attempt('requests.create', {
      ...v,
      customer_id: customer.id,
      lawful_basis: v.lawful_basis as InfoRequest['lawful_basis'],
      received_on: v.received_on || undefined,
    });
    if (result.ok) return onSaved();
    const placed = (result.error.fields ?? []).filter((f) => f.path in v);
    for (const f of placed) setError(f.path as keyof Draft, { type: 'core', message: f.message });
    if (placed.length === 0) setProblem(result.error.message);
  });

  return (
    <form className="subform stack" onSubmit={submit} noValidate aria-labelledby="new-request-title">
      <h3 className="subform__title" id="new-request-title">
        New request
      </h3>
      <ErrorBanner message={problem} />
      <div className="grid grid--two">
        <Field id="nr-kind" label="Kind of request" error={errors.kind?.message}>
          {(control) => (
            // biome-ignore lint/a11y/noAutofocus: the form opens on request and starts here
            <select {...control} {...register('kind')} className="input" autoFocus>
              {REQUEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="nr-type" label="Who is asking" error={errors.requester_type?.message}>
          {(control) => (
            <select {...control} {...register('requester_type')} className="input">
              {REQUESTER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {REQUESTER_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="nr-name" label="Name of the person asking" error={errors.requester_name?.message}>
          {(control) => <input {...control} {...register('requester_name')} className="input" autoComplete="off" />}
        </Field>
        <Field id="nr-org" label="Organisation" optional error={errors.requester_org?.message}>
          {(control) => <input {...control} {...register('requester_org')} className="input" autoComplete="off" />}
        </Field>
      </div>
      <Field id="nr-reason" label="Why they are asking" error={errors.reason?.message}>
        {(control) => <textarea {...control} {...register('reason')} className="input textarea textarea--short" />}
      </Field>
      <Field
        id="nr-identity"
        label="How their identity or authority was checked"
        error={errors.identity_check?.message}
        hint="For example: photo ID seen at the counter; police warrant card number."
      >
        {(control) => <input {...control} {...register('identity_check')} className="input" autoComplete="off" />}
      </Field>
      <div className="grid grid--two">
        <Field id="nr-basis" label="Lawful basis for disclosing" error={errors.lawful_basis?.message}>
          {(control) => (
            <select {...control} {...register('lawful_basis')} className="input">
              <option value="">Choose the lawful basis…</option>
              {LAWFUL_BASES.map((b) => (
                <option key={b} value={b}>
                  {LAWFUL_BASIS_LABELS[b]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="nr-received" label="Received on" error={errors.received_on?.message}>
          {(c) => <FormDateInput {...c} control={control} name="received_on" />}
        </Field>
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Record request'}
        </button>
      </div>
    </form>
  );
}

// ---------- one request and its next step ----------

export function DueDate({ request }: { request: Pick<InfoRequest, 'due_at' | 'status'> }) {
  if (!request.due_at) return null;
  const overdue = isOverdue(request);
  return (
    <span className={`due${overdue ? ' due--overdue' : ''}`}>
      {overdue ? 'Overdue: was due by ' : 'Due by '}
      <strong>{formatDay(request.due_at)}</strong>
    </span>
  );
}

const RECTIFICATION_STATUS: Record<InfoRequest['status'], string> = {
  ...STATUS_LABELS,
  approved: 'Approved, not yet corrected',
  supplied: 'Corrected, not yet closed',
  confirmed: 'Corrected and closed',
};

/** The names of the fields an edit corrected (the request keeps names, never the old values). */
function correctedLabels(keys: string[]): string {
  return keys.map((k) => PROVENANCE_FIELDS.find((f) => f.key === k)?.label ?? k).join(', ');
}

function fieldLabels(keys: string[]): string {
  return keys.map((k) => HANDOVER_FIELDS.find((f) => f.key === k)?.label ?? k).join(', ');
}

function RequestCard({
  request: r,
  customer,
  options,
  onChanged,
}: {
  request: InfoRequest;
  customer: Customer;
  options: Options | null;
  onChanged: () => Promise<void>;
}) {
  const [step, setStep] = useState<'none' | 'handover' | 'confirm'>('none');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canDecide = useCan('requests.decide');
  const canSupply = useCan('requests.supply');
  const canConfirm = useCan('requests.confirm');
  const canPack = useCan('requests.accessPack');
  const canCorrect = useCan('customers.update');
  const canCloseCorrected = useCan('requests.closeCorrected');
  // A rectification request is carried out on the record (and an erasure one by "Erase this
  // customer…"), not by handing information over.
  const rectification = r.kind === 'rectification';
  const handsOver = !rectification && r.kind !== 'erasure';
  const titleId = useId();
  const open = r.status !== 'awaiting_approval' && r.status !== 'refused';
  // A subject-access request this role may not answer completely waits for one that may.
  const routed = r.kind === 'subject_access' && r.status === 'approved' && options !== null && !options.pack.allowed;

  async function decide(approve: boolean) {
    setBusy(true);
    setProblem(null);
    const result = await attempt('requests.decide', { id: r.id, approve, note: '' });
    setBusy(false);
    if (!result.ok) return setProblem(result.error.message);
    await onChanged();
  }

  async function closeCorrected() {
    setBusy(true);
    setProblem(null);
    const result = await attempt('requests.closeCorrected', { id: r.id, note: '' });
    setBusy(false);
    if (!result.ok) return setProblem(result.error.message);
    await onChanged();
  }

  async function downloadPack() {
    setBusy(true);
    setProblem(null);
    const result = await attempt('requests.accessPack', { id: r.id });
    setBusy(false);
    if (!result.ok) return setProblem(result.error.message);
    void saveFile(`${result.value.filename}.pdf`, base64ToBytes(result.value.pdf_base64), 'application/pdf');
    void saveFile(`${result.value.filename}.json`, result.value.json, 'application/json');
  }

  const who = [r.requester_name, r.requester_org].filter(Boolean).join(', ');
  return (
    <article className="request" aria-labelledby={titleId}>
      <header className="request__head">
        <h3 className="request__title" id={titleId}>
          {KIND_SHORT[r.kind]} for {who}
        </h3>
        <span className={`badge badge--status-${r.status}`}>
          {rectification ? RECTIFICATION_STATUS[r.status] : STATUS_LABELS[r.status]}
        </span>
      </header>
      {routed && (
        <p className="request__routed">
          <strong>Routed: </strong>
          {options.pack.message}
        </p>
      )}
      {r.due_at && (
        <p className="request__due">
          <DueDate request={r} />
        </p>
      )}
      <dl className="facts facts--compact">
        <Row term="Who asks" value={`${REQUESTER_LABELS[r.requester_type]}: ${who}`} />
        <Row term="Why" value={r.reason} />
        <Row term="Identity checked" value={r.identity_check} />
        <Row term="Lawful basis" value={LAWFUL_BASIS_LABELS[r.lawful_basis]} />
        <Row term="Received" value={`${formatDay(r.received_at)}, recorded by ${r.created_by}`} />
        {r.decided_at && (
          <Row
            term={r.status === 'refused' ? 'Refused' : 'Approved'}
            value={`${formatStamp(r.decided_at)} by ${r.decided_by}${r.decision_note ? `: ${r.decision_note}` : ''}`}
          />
        )}
        {r.supplied_at && rectification && (
          <>
            <Row term="Corrected" value={`${formatStamp(r.supplied_at)} by ${r.supplied_by}`} />
            <Row term="Fields corrected" value={correctedLabels(r.fields)} />
          </>
        )}
        {r.confirmed_at && r.confirmation_method === 'corrected' && (
          <Row
            term="Closed as corrected"
            value={`${formatStamp(r.confirmed_at)}${r.confirmation_note ? `. ${r.confirmation_note}` : ''}`}
          />
        )}
        {r.supplied_at && !rectification && (
          <>
            <Row term="Handed over" value={`${formatStamp(r.supplied_at)} by ${r.supplied_by}`} />
            <Row term="Fields" value={fieldLabels(r.fields)} />
            <Row term="Channel" value={CHANNEL_LABELS[r.channel as keyof typeof CHANNEL_LABELS] ?? r.channel} />
          </>
        )}
        {r.confirmed_at && r.confirmation_method !== 'corrected' && (
          <Row
            term="Receipt confirmed"
            value={`${formatStamp(r.confirmed_at)}, ${CONFIRM_LABELS[r.confirmation_method as ConfirmMethod]?.toLowerCase() ?? r.confirmation_method}; understood: ${r.understood ? 'yes' : 'no'}${r.confirmation_note ? `. ${r.confirmation_note}` : ''}`}
          />
        )}
      </dl>
      <ErrorBanner message={problem} />
      {r.status === 'awaiting_approval' && !canDecide && (
        <p className="muted">A manager or the owner who did not record this request must approve it first.</p>
      )}
      {step === 'none' && (
        <div className="request__actions">
          {r.status === 'awaiting_approval' && canDecide && (
            <>
              <button type="button" className="button button--small" disabled={busy} onClick={() => void decide(true)}>
                Approve
              </button>
              <button type="button" className="button button--small" disabled={busy} onClick={() => void decide(false)}>
                Refuse
              </button>
            </>
          )}
          {rectification && (r.status === 'approved' || r.status === 'supplied') && canCorrect && (
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => openPane({ kind: 'edit', id: customer.id, request: r.id }, customer)}
            >
              Correct the record
            </button>
          )}
          {rectification && r.status === 'supplied' && canCloseCorrected && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void closeCorrected()}
            >
              Close as corrected
            </button>
          )}
          {handsOver && r.status === 'approved' && canSupply && options && !routed && (
            <button type="button" className="button button--small button--primary" onClick={() => setStep('handover')}>
              Hand over
            </button>
          )}
          {r.kind === 'subject_access' && open && canPack && options?.pack.allowed && (
            <button type="button" className="button button--small" disabled={busy} onClick={() => void downloadPack()}>
              Download access pack
            </button>
          )}
          {handsOver && r.status === 'supplied' && canConfirm && (
            <button type="button" className="button button--small button--primary" onClick={() => setStep('confirm')}>
              Confirm receipt
            </button>
          )}
        </div>
      )}
      {step === 'handover' && options && (
        <HandoverForm
          request={r}
          options={options}
          onCancel={() => setStep('none')}
          onDone={async () => {
            setStep('none');
            await onChanged();
          }}
        />
      )}
      {step === 'confirm' && (
        <ConfirmForm
          request={r}
          onCancel={() => setStep('none')}
          onDone={async () => {
            setStep('none');
            await onChanged();
          }}
        />
      )}
    </article>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd>{value || <span className="muted">—</span>}</dd>
    </div>
  );
}

// ---------- handing over ----------

function HandoverForm({
  request: r,
  options,
  onCancel,
  onDone,
}: {
  request: InfoRequest;
  options: Options;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const offered = HANDOVER_FIELDS.filter((f) => options.fields.includes(f.key));
  const starting = MINIMUM_FIELDS[r.requester_type].filter((k) => options.fields.includes(k));
  const [fields, setFields] = useState<HandoverField[]>(starting);
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('pdf');
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | undefined>(undefined);
  const [shown, setShown] = useState<{ label: string; value: string }[] | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `ho-${r.id}`;
  const minimum = starting.length;

  function toggle(key: HandoverField, on: boolean) {
    setFields((now) => offered.map((f) => f.key).filter((k) => (k === key ? on : now.includes(k))));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setPassphraseError(undefined);
    setBusy(true);
    const result = await attempt('requests.supply', {
      id: r.id,
      fields,
      channel,
      ...(channel === 'encrypted' ? { file_passphrase: passphrase } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      const onPassphrase = result.error.fields?.find((f) => f.path === 'file_passphrase');
      if (onPassphrase) setPassphraseError(onPassphrase.message);
      else setProblem(result.error.fields?.[0]?.message ?? result.error.message);
      return;
    }
    if (channel === 'screen') {
      setShown(result.value.shown);
      return;
    }
    void saveFile(result.value.filename, base64ToBytes(result.value.content_base64), result.value.mime);
    await onDone();
  }

  return (
    <form className="subform stack" onSubmit={submit} noValidate aria-label={`Hand over for request ${r.id}`}>
      <ErrorBanner message={problem} />
      <fieldset className="choices" aria-describedby={`${id}-nudge`}>
        <legend className="field__label">Fields to hand over</legend>
        <p className={`nudge${fields.length > minimum ? ' nudge--more' : ''}`} id={`${id}-nudge`} aria-live="polite">
          Hand over only what this request needs — {fields.length} of {offered.length} fields
          {fields.length > minimum ? `; a request like this usually needs ${minimum}.` : '.'}
        </p>
        <div className="choices__grid">
          {offered.map((f) => (
            <label key={f.key} className="check check--strong">
              <input
                type="checkbox"
                checked={fields.includes(f.key)}
                onChange={(e) => toggle(f.key, e.target.checked)}
              />
              {f.label}
            </label>
          ))}
        </div>
        {options.withheld.length > 0 && (
          <p className="muted">
            Not offered: {fieldLabels(options.withheld)}. The register does not let your role see{' '}
            {options.withheld.length === 1 ? 'it' : 'them'}.
          </p>
        )}
      </fieldset>
      <fieldset className="choices">
        <legend className="field__label">How it is handed over</legend>
        <div className="choices__grid">
          {CHANNELS.map((c) => (
            <label key={c} className="check check--strong">
              <input
                type="radio"
                name={`${id}-channel`}
                value={c}
                checked={channel === c}
                onChange={() => setChannel(c)}
              />
              {CHANNEL_LABELS[c]}
            </label>
          ))}
        </div>
      </fieldset>
      {channel === 'encrypted' && (
        <Field
          id={`${id}-passphrase`}
          label="Passphrase for the encrypted file"
          error={passphraseError}
          hint="At least 10 characters. Tell it to the recipient separately (by phone, in person); it is not stored."
        >
          {(control) => (
            <PassphraseInput
              {...control}
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          )}
        </Field>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Preparing…' : channel === 'screen' ? 'Show on screen' : 'Hand over and save the file'}
        </button>
      </div>
      {shown && (
        <Dialog title="Shown on screen" onClose={() => void onDone()}>
          <dl className="facts">
            {shown.map((f) => (
              <Row key={f.label} term={f.label} value={f.value} />
            ))}
          </dl>
        </Dialog>
      )}
    </form>
  );
}

// ---------- confirming receipt ----------

function ConfirmForm({
  request: r,
  onCancel,
  onDone,
}: {
  request: InfoRequest;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
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
          <label className="check check--strong">
            <input
              type="radio"
              name={`${id}-understood`}
              checked={understood === true}
              onChange={() => setUnderstood(true)}
            />
            Yes
          </label>
          <label className="check check--strong">
            <input
              type="radio"
              name={`${id}-understood`}
              checked={understood === false}
              onChange={() => setUnderstood(false)}
            />
            No
          </label>
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
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Confirm receipt'}
        </button>
      </div>
    </form>
  );
}
