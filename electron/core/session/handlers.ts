// Signing in and out at the counter while the file is open.
import type { Handlers, PublicHandlers } from '../context';
import { signIn, signInChoices } from './session.service';

export const publicHandlers: PublicHandlers<'session'> = {
  'session.accounts': (vault) => signInChoices(vault),
  'session.signIn': signIn,
};

export const handlers: Handlers<'session'> = {
  'session.signOut': (ctx) => {
    ctx.vault.signOut(ctx.session.token);
    return {};
  },
};
