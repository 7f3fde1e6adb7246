// Which built-in fields the form hides or shows read-only for the signed-in role: hidden are
// those the core left out of the record (its `hidden` list), read-only those the register does
// not let this role change. The core enforces both; the form only mirrors them.
import type { Customer } from '../../shared/customer';
import { lockedFor } from '../../shared/profile-details';
import type { RegisterEntry } from '../../shared/register';
import { useRole } from './permissions';

export function useFieldAccess(
  editing: Pick<Customer, 'hidden'> | null,
  register: readonly RegisterEntry[] | null,
): { hidden: Set<string>; locked: Set<string> } {
  const role = useRole();
  // A new record is captured whole; edit roles govern changes to existing records.
  const locked = editing && role && register ? lockedFor(role, register).map((r) => r.key) : [];
  return { hidden: new Set(editing?.hidden ?? []), locked: new Set(locked) };
}
