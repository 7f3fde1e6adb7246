// Staff accounts: adding them, their role and whether they may sign in, their password and PIN.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { Role } from '../../../shared/contract/roles';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { hashSecret } from '../session/secrets';
import { allUsers, countActiveOwners, insertUser, setRoleAndActive, setSecrets, userById } from './staff.queries';

export type UserRow = {
  id: number;
  name: string;
  role: Role;
  active: number;
  password_hash: string | null;
  pin_hash: string | null;
  pin_disabled: number;
  failed_attempts: number;
  retry_after: string | null;
  created_at: string;
};

function toAccount(u: UserRow): Output<'staff.list'>[number] {
  return {
    id: u.id,
    name: u.name,
    role: u.role,
    active: u.active === 1,
    has_password: u.password_hash !== null,
    has_pin: u.pin_hash !== null,
    pin_disabled: u.pin_disabled === 1,
    created_at: u.created_at,
  };
}

function findUser(ctx: Pick<Context, 'db'>, id: number): UserRow {
  const user = userById(ctx.db, id);
  if (!user) throw new CoreError('NOT_FOUND', 'That account does not exist.');
  return user;
}

export function listAccounts(ctx: Context): Output<'staff.list'> {
  return allUsers(ctx.db).map(toAccount);
}

/** A manager may add staff, volunteers and read-only accounts; only the owner adds managers or owners. */
function mayGrant(granter: Role, role: Role): boolean {
  return granter === 'owner' || (granter === 'manager' && !['owner', 'manager'].includes(role));
}

export async function createAccount(ctx: Context, input: Input<'staff.create'>): Promise<Output<'staff.create'>> {
  if (!mayGrant(ctx.session.user.role, input.role)) {
    throw new CoreError('FORBIDDEN', 'Only the owner can add owners and managers.');
  }
  const password = input.password ? await hashSecret(input.password) : null;
  const pin = input.pin ? await hashSecret(input.pin) : null;
  return ctx.db.transaction(() => {
    const id = insertUser(ctx.db, {
      name: input.name,
      role: input.role,
      passwordHash: password,
      pinHash: pin,
      at: ctx.now(),
    });
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'staff.create',
      entity: 'user',
      entityId: id,
      detail: { role: input.role },
    });
    return toAccount(findUser(ctx, id));
  })();
}

export function updateAccount(ctx: Context, input: Input<'staff.update'>): Output<'staff.update'> {
  return ctx.db.transaction(() => {
    const user = findUser(ctx, input.id);
    const role = input.role ?? user.role;
    const active = input.active ?? user.active === 1;
    const losesOwner = user.role === 'owner' && user.active === 1 && (role !== 'owner' || !active);
    if (losesOwner && countActiveOwners(ctx.db) <= 1) {
      throw new CoreError('CONFLICT', 'The file must keep at least one active owner.');
    }
    setRoleAndActive(ctx.db, user.id, role, active);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'staff.update',
      entity: 'user',
      entityId: user.id,
      detail: { role, active },
    });
    // A disabled account is signed out everywhere at once.
    if (!active) ctx.vault.sessions.endForUser(user.id);
    return toAccount(findUser(ctx, user.id));
  })();
}

export async function setSecret(ctx: Context, input: Input<'staff.setSecret'>): Promise<Output<'staff.setSecret'>> {
  if (input.id !== ctx.session.user.id && ctx.session.user.role !== 'owner') {
    throw new CoreError('FORBIDDEN', 'You can change only your own password and PIN.');
  }
  findUser(ctx, input.id);
  const password = input.password ? await hashSecret(input.password) : null;
  const pin = input.pin ? await hashSecret(input.pin) : null;
  return ctx.db.transaction(() => {
    setSecrets(ctx.db, input.id, password, pin);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'staff.secret',
      entity: 'user',
      entityId: input.id,
      detail: { password: Boolean(password), pin: Boolean(pin) },
    });
    return toAccount(findUser(ctx, input.id));
  })();
}
