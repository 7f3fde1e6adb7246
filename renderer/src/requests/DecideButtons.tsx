// Approve or refuse a request that waits for a manager (never the person who recorded it; the
// core says so if they try). Others are told who must decide.
import type { InfoRequest } from '../../../shared/contract/requests';
import type { Result } from '../../../shared/contract/result';
import { attempt } from '../client';
import { useCan } from '../permissions';

type Props = {
  request: InfoRequest;
  busy: boolean;
  run: <T>(call: () => Promise<Result<T>>) => Promise<void>;
};

export function DecideButtons({ request: r, busy, run }: Props) {
  const canDecide = useCan('requests.decide');
  if (r.status !== 'awaiting_approval') return null;
  if (!canDecide) {
    return <p className="muted">A manager or the owner who did not record this request must approve it first.</p>;
  }
  const decide = (approve: boolean) => run(() => attempt('requests.decide', { id: r.id, approve, note: '' }));
  return (
    <>
      <button type="button" className="button button--small" disabled={busy} onClick={() => void decide(true)}>
        Approve
      </button>
      <button type="button" className="button button--small" disabled={busy} onClick={() => void decide(false)}>
        Refuse
      </button>
    </>
  );
}
