// Signing in at the counter while the file is open: who may sign in, and checking a password or
// PIN with growing waits after wrong attempts.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit } from '../audit/audit';
import type { Vault } from '../vault/vault.service';
import { activeUser, activeUsers, clearFailures, noteFailure } from './accounts.queries';
import { delayAfter, PIN_DISABLED_AFTER, verifySecret, waitMessage } from './secrets';

export function signInChoices(vault: Vault): Output<'session.accounts'> {
  if (!vault.isOpen()) return [];
  return activeUsers(vault.openFile()).map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role,
    has_pin: u.pin_hash !== null && u.pin_disabled === 0,
  }));
}

/**
 * Sign in with a password or PIN while the file is open. The owner may also use the file
 * passphrase. Failures grow the wait before the next try; ten wrong PINs switch the PIN off.
 */
export async function signIn(vault: Vault, input: Input<'session.signIn'>) {
  const db = vault.openFile();
  const now = vault.clock();
  const user = activeUser(db, input.user_id);
  const refused = new CoreError('WRONG_PASSPHRASE', 'That password or PIN is not right.');
  if (!user) throw refused;
  if (user.retry_after && Date.parse(user.retry_after) > now.getTime()) {
    throw new CoreError('TRY_LATER', waitMessage(Date.parse(user.retry_after), now.getTime()));
  }
  // A PIN is 4–8 digits and a password at least 10 characters, so one hash check decides.
  const isPin = /^\d{4,8}$/.test(input.secret);
  const good = isPin
    ? user.pin_disabled === 0 && (await verifySecret(input.secret, user.pin_hash))
    : (await verifySecret(input.secret, user.password_hash)) || (user.role === 'owner' && vault.matches(input.secret));
  if (good) {
    clearFailures(db, user.id);
    return vault.startSession(user.id);
  }
  const failures = user.failed_attempts + 1;
  const delay = delayAfter(failures);
  const disablePin = isPin && user.pin_hash !== null && failures >= PIN_DISABLED_AFTER;
  db.transaction(() => {
    noteFailure(db, user.id, failures, delay ? new Date(now.getTime() + delay).toISOString() : null, disablePin);
    appendAudit(db, user.id, now.toISOString(), {
      action: 'session.refused',
      detail: { failures, pin_disabled: disablePin },
    });
  })();
  if (disablePin || (isPin && user.pin_disabled === 1)) {
    throw new CoreError(
      'WRONG_PASSPHRASE',
      'This PIN has been switched off after too many wrong attempts. Sign in with your password, or ask the owner to set a new PIN.',
    );
  }
  throw refused;
}
