// What the signed-in person may do, read from the contract's `roles` (rolesFor): the renderer
// only hides what the core already refuses, and never declares a permission of its own.
import { type Method, rolesFor } from '../../shared/contract';
import type { Role } from '../../shared/contract/roles';
import { useSession } from './store';

export function allowed(role: Role | undefined | null, method: Method): boolean {
  return Boolean(role) && rolesFor(method).includes(role as Role);
}

/** Whether the signed-in person may call `method`. */
export function useCan(method: Method): boolean {
  const role = useSession((s) => s.session?.user.role);
  return allowed(role, method);
}

export function useRole(): Role | null {
  return useSession((s) => s.session?.user.role ?? null);
}
