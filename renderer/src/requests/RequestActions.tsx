// The next step of a request other than subject access: approve or refuse it, carry out a
// rectification on the record and close it, hand the chosen fields over, or confirm receipt.
import { useEffect, useRef } from 'react';
import type { Output } from '../../../shared/contract';
import type { InfoRequest } from '../../../shared/contract/requests';
import type { Customer } from '../../../shared/customer';
import { attempt } from '../client';
import { useCan } from '../permissions';
import { openPane } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';
import { DecideButtons } from './DecideButtons';
import { useStep } from './useStep';

type Props = {
  request: InfoRequest;
  customer: Customer;
  options: Output<'requests.options'> | null;
  focus: boolean;
  onStep: (step: 'handover' | 'confirm') => void;
  onChanged: () => Promise<void>;
};

export function RequestActions({ request: r, customer, options, focus, onStep, onChanged }: Props) {
  const { busy, problem, run } = useStep(onChanged);
  const canSupply = useCan('requests.supply');
  const canConfirm = useCan('requests.confirm');
  const canCorrect = useCan('customers.update');
  const canCloseCorrected = useCan('requests.closeCorrected');
  const first = useRef<HTMLDivElement>(null);
  // A rectification request is carried out on the record (and an erasure one by "Erase this
  // customer…"), not by handing information over.
  const rectification = r.kind === 'rectification';
  const handsOver = !rectification && r.kind !== 'erasure';

  useEffect(() => {
    if (focus) first.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [focus]);

  return (
    <>
      <ErrorBanner message={problem} />
      <div className="request__actions" ref={first}>
        <DecideButtons request={r} busy={busy} run={run} />
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
            onClick={() => void run(() => attempt('requests.closeCorrected', { id: r.id, note: '' }))}
          >
            Close as corrected
          </button>
        )}
        {handsOver && r.status === 'approved' && canSupply && options && (
          <button type="button" className="button button--small button--primary" onClick={() => onStep('handover')}>
            Hand over
          </button>
        )}
        {handsOver && r.status === 'supplied' && canConfirm && (
          <button type="button" className="button button--small button--primary" onClick={() => onStep('confirm')}>
            Confirm receipt
          </button>
        )}
      </div>
    </>
  );
}
