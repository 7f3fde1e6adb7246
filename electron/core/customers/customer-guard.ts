// Shared checks for everything hung off a customer: the record exists, and a volunteer touches
// only the records they added in this sign-in (as customers.get enforces).
import { CoreError } from '../../../shared/contract/result';
import type { Context } from '../context';
import { customerExists } from '../customers/customers.queries';

export function requireCustomer(ctx: Context, id: number): void {
  if (ctx.session.user.role === 'volunteer' && !ctx.session.created.has(id)) {
    throw new CoreError('FORBIDDEN', 'Volunteers can see only the records they added in this sign-in.');
  }
  if (!customerExists(ctx.db, id)) {
    throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may have been erased).');
  }
}
