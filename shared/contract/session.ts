// Signing in at the counter on an open file: who may sign in, and ending a sign-in.
import { z } from 'zod';
import { ANY_SIGNED_IN, Role } from './roles';
import { Session } from './vault';

const Id = z.number().int().positive();

export const session = {
  // Who can sign in on this open file (names and roles only), for the sign-in screen.
  'session.accounts': {
    input: z.object({}),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), role: Role, has_pin: z.boolean() })),
    public: true,
  },
  'session.signIn': {
    input: z.object({ user_id: Id, secret: z.string().min(1, 'Enter your password or PIN.').max(1024) }),
    output: Session,
    public: true,
  },
  // Quick lock / switch user: ends this sign-in; the file stays open for the next person.
  'session.signOut': { input: z.object({}), output: z.object({}), roles: ANY_SIGNED_IN },
} as const;
