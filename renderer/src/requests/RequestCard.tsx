// One request on the record: what it is, its status and due date, the facts, and its next step.
// A subject-access request goes its own single path (SubjectAccessPath: pack, then receipt);
// the others hand over chosen fields, or are carried out on the record (rectification, erasure).
import { useId, useState } from 'react';
import type { Output } from '../../../shared/contract';
import type { InfoRequest } from '../../../shared/contract/requests';
import type { Customer } from '../../../shared/customer';
import { ConfirmForm } from './ConfirmForm';
import { DueDate } from './DueDate';
import { HandoverForm } from './HandoverForm';
import { KIND_SHORT, RECTIFICATION_STATUS, STATUS_LABELS } from './labels';
import { RequestActions } from './RequestActions';
import { RequestFacts } from './RequestFacts';
import { SubjectAccessPath } from './SubjectAccessPath';

type Props = {
  request: InfoRequest;
  customer: Customer;
  options: Output<'requests.options'> | null;
  /** Just recorded: its next step takes the focus. */
  justRecorded: boolean;
  onChanged: () => Promise<void>;
};

export function RequestCard({ request: r, customer, options, justRecorded, onChanged }: Props) {
  const [step, setStep] = useState<'none' | 'handover' | 'confirm'>('none');
  const titleId = useId();
  const subjectAccess = r.kind === 'subject_access';
  // A subject-access request this role may not answer completely waits for one that may.
  const routed = subjectAccess && r.status === 'approved' && options !== null && !options.pack.allowed;
  const who = [r.requester_name, r.requester_org].filter(Boolean).join(', ');
  const done = async () => {
    setStep('none');
    await onChanged();
  };

  return (
    <article className="request" aria-labelledby={titleId}>
      <header className="request__head">
        <h3 className="request__title" id={titleId}>
          {KIND_SHORT[r.kind]} for {who}
        </h3>
        <span className={`badge badge--status-${r.status}`}>
          {r.kind === 'rectification' ? RECTIFICATION_STATUS[r.status] : STATUS_LABELS[r.status]}
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
      <RequestFacts request={r} labels={options?.labels ?? {}} />
      {subjectAccess ? (
        <SubjectAccessPath request={r} options={options} focus={justRecorded} onChanged={onChanged} />
      ) : (
        <>
          {step === 'none' && (
            <RequestActions
              request={r}
              customer={customer}
              options={options}
              focus={justRecorded}
              onStep={setStep}
              onChanged={onChanged}
            />
          )}
          {step === 'handover' && options && (
            <HandoverForm request={r} options={options} onCancel={() => setStep('none')} onDone={done} />
          )}
          {step === 'confirm' && <ConfirmForm request={r} onCancel={() => setStep('none')} onDone={done} />}
        </>
      )}
    </article>
  );
}
