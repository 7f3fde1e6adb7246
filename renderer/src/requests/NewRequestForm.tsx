// Recording a request: what kind, who asks and why, how they were checked, the lawful basis and
// the day it arrived. A subject-access request's basis is preset (the law requires the answer:
// UK GDPR Art. 15) and shown, not chosen; the core refuses any other.
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { contract } from '../../../shared/contract';
import {
  type InfoRequest,
  REQUEST_KINDS,
  REQUESTER_TYPES,
  SUBJECT_ACCESS_BASIS,
} from '../../../shared/contract/requests';
import type { Customer } from '../../../shared/customer';
import { todayIso } from '../../../shared/dates';
import { attempt } from '../client';
import { fullName } from '../format';
import { contractResolver } from '../forms';
import { FormDateInput } from '../ui/DateInput';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { Options } from '../ui/Options';
import { useCoreErrors } from '../ui/useCoreErrors';
import { KIND_LABELS, REQUESTER_LABELS } from './labels';
import { RequestBasisField } from './RequestBasisField';

export type Draft = {
  kind: InfoRequest['kind'];
  requester_type: InfoRequest['requester_type'];
  requester_name: string;
  requester_org: string;
  reason: string;
  identity_check: string;
  lawful_basis: InfoRequest['lawful_basis'] | '';
  received_on: string;
};

type Props = { customer: Customer; onCancel: () => void; onSaved: (id: number) => Promise<void> };

export function NewRequestForm({ customer, onCancel, onSaved }: Props) {
  const form = useForm<Draft>({
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
      received_on: todayIso(),
    },
  });
  const { register, control, handleSubmit, watch, setValue, formState } = form;
  const { errors, isSubmitting } = formState;
  const { problem, place } = useCoreErrors(form.setError);
  const kind = watch('kind');
  const subjectAccess = kind === 'subject_access';

  useEffect(() => {
    setValue('lawful_basis', subjectAccess ? SUBJECT_ACCESS_BASIS : '');
  }, [subjectAccess, setValue]);

  const submit = handleSubmit(async (v) => {
    const result = await attempt('requests.create', {
      ...v,
      customer_id: customer.id,
      lawful_basis: v.lawful_basis as InfoRequest['lawful_basis'],
      received_on: v.received_on || undefined,
    });
    if (result.ok) return onSaved(result.value.id);
    place(result.error, Object.keys(v));
  });

  return (
    <form className="subform stack" onSubmit={submit} noValidate aria-labelledby="new-request-title">
      <h3 className="subform__title" id="new-request-title">
        New request
      </h3>
      <ErrorBanner message={problem} />
      <div className="grid grid--two">
        <Field id="nr-kind" label="Kind of request" error={errors.kind?.message}>
          {(c) => (
            // biome-ignore lint/a11y/noAutofocus: the form opens on request and starts here
            <select {...c} {...register('kind')} className="input" autoFocus>
              <Options values={REQUEST_KINDS} labels={KIND_LABELS} />
            </select>
          )}
        </Field>
        <Field id="nr-type" label="Who is asking" error={errors.requester_type?.message}>
          {(c) => (
            <select {...c} {...register('requester_type')} className="input">
              <Options values={REQUESTER_TYPES} labels={REQUESTER_LABELS} />
            </select>
          )}
        </Field>
        <Field id="nr-name" label="Name of the person asking" error={errors.requester_name?.message}>
          {(c) => <input {...c} {...register('requester_name')} className="input" autoComplete="off" />}
        </Field>
        <Field id="nr-org" label="Organisation" optional error={errors.requester_org?.message}>
          {(c) => <input {...c} {...register('requester_org')} className="input" autoComplete="off" />}
        </Field>
      </div>
      <Field id="nr-reason" label="Why they are asking" error={errors.reason?.message}>
        {(c) => <textarea {...c} {...register('reason')} className="input textarea textarea--short" />}
      </Field>
      <Field
        id="nr-identity"
        label="How their identity or authority was checked"
        error={errors.identity_check?.message}
        hint="For example: photo ID seen at the counter; police warrant card number."
      >
        {(c) => <input {...c} {...register('identity_check')} className="input" autoComplete="off" />}
      </Field>
      <div className="grid grid--two">
        <RequestBasisField register={register} error={errors.lawful_basis?.message} preset={subjectAccess} />
        <Field id="nr-received" label="Received on" error={errors.received_on?.message}>
          {(c) => <FormDateInput {...c} control={control} name="received_on" />}
        </Field>
      </div>
      <FormActions onCancel={onCancel} busy={isSubmitting} label="Record request" busyLabel="Saving…" />
    </form>
  );
}
