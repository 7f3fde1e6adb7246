// What every handler receives (the open file, the signed-in person, the clock, the vault), and
// the types of the handler tables each capability folder assembles in its handlers.ts.
import type { Contract, Method, Output, Parsed } from '../../shared/contract';
import type { DB } from './db/open';
import type { SessionRecord } from './session/sessions';
import type { Vault } from './vault/vault.service';

export type { SessionRecord };

export type Context = {
  db: DB;
  session: SessionRecord;
  now: () => string;
  vault: Vault;
};

type Awaitable<T> = T | Promise<T>;
type PublicMethod = { [M in Method]: Contract[M] extends { public: true } ? M : never }[Method];
export type PrivateMethod = Exclude<Method, PublicMethod>;
/** A method callable before anyone signs in (opening the file, signing in): it gets the vault. */
export type PublicHandler<M extends Method> = (vault: Vault, input: Parsed<M>) => Awaitable<Output<M>>;
/** A signed-in method: the core has checked the session and the role before it runs. */
export type Handler<M extends Method> = (ctx: Context, input: Parsed<M>) => Awaitable<Output<M>>;

/**
 * A capability's handler table (electron/core/<capability>/handlers.ts): exactly the signed-in
 * methods named `<capability>.*`, no more and no fewer. A method of another prefix does not fit,
 * so no two tables can hold the same method and the dispatch's spread never silently overrides.
 */
export type Handlers<P extends string> = { [M in PrivateMethod & `${P}.${string}`]: Handler<M> };
/** The same for the methods of a capability that need no session. */
export type PublicHandlers<P extends string> = { [M in PublicMethod & `${P}.${string}`]: PublicHandler<M> };
