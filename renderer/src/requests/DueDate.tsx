// A request's due date ("Due by 6 Jan 2027"), in red once it has passed while still open.
import type { InfoRequest } from '../../../shared/contract/requests';
import { formatDay } from '../format';
import { isOverdue } from './labels';

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
