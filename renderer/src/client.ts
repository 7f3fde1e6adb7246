// The typed client over window.custodian: one `call` generic over the contract's method names,
// so inputs and outputs are checked at compile time. It attaches the session token and turns
// a refusal into a ClientError carrying the core's AppError (code, plain message, field paths).
import type { Input, Method, Output } from '../../shared/contract';
import type { AppError, Result } from '../../shared/contract/result';
import { endSession, useSession } from './store';

export class ClientError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'ClientError';
  }
  get code(): AppError['code'] {
    return this.error.code;
  }
}

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

/** Call a contract method; resolves with its output or throws a ClientError. */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = await attempt(method, input);
  if (!result.ok) throw new ClientError(result.error);
  return result.value;
}

export function errorOf(error: unknown): AppError {
  return error instanceof ClientError ? error.error : BRIDGE_DOWN;
}
