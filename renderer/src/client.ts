// The typed client over window.custodian: one `attempt` generic over the contract's method names,
// so inputs and outputs are checked at compile time. It attaches the session token and resolves
// with a Result: the output, or the core's AppError (code, plain message, field paths).
import type { Input, Method, Output } from '../../shared/contract';
import type { AppError, Result } from '../../shared/contract/result';
import { endSession, useSession } from './store';

const BRIDGE_DOWN: AppError = {
  code: 'INTERNAL',
  message: 'Custodian could not reach its customer file. Close the window and open it again.',
};

/** Call a contract method; resolves with the Result, never throws. */
export async function attempt<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
  const token = useSession.getState().session?.token ?? null;
  let result: Result<Output<M>>;
  try {
    result = (await window.custodian.invoke(method, input, token)) as Result<Output<M>>;
  } catch {
    // The bridge itself failed (host gone); its error text is not meant for people.
    return { ok: false, error: BRIDGE_DOWN };
  }
  // Only the session that made the call is ended: a late answer to an old token must not lock
  // out a session that started since.
  if (
    !result.ok &&
    result.error.code === 'UNAUTHENTICATED' &&
    token &&
    useSession.getState().session?.token === token
  ) {
    endSession(result.error.message);
  }
  return result;
}
