// Staff accounts: who works on this file, their role, password and counter PIN.
import { z } from 'zod';
import { ANY_SIGNED_IN, MANAGERS, OWNER, Role } from './roles';
import { NewPassphrase } from './vault';

/** A counter PIN: 4–8 digits. Only ever used while the file is already open. */
const Pin = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');
/** A staff password: the same strength as a file passphrase. */
const Password = NewPassphrase;

const Account = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  has_password: z.boolean(),
  has_pin: z.boolean(),
  pin_disabled: z.boolean(),
  created_at: z.string(),
});

const Id = z.number().int().positive();
const Name = z.string().trim().min(1, 'Enter a name.').max(100);

export const staff = {
  'staff.list': { input: z.object({}), output: z.array(Account), roles: MANAGERS },
  'staff.create': {
    input: z
      .object({ name: Name, role: Role, password: Password.optional(), pin: Pin.optional() })
      .refine((a) => a.password || a.pin, { message: 'Give a password, a PIN, or both.', path: ['password'] }),
    output: Account,
    roles: MANAGERS,
  },
  'staff.update': {
    input: z.object({ id: Id, role: Role.optional(), active: z.boolean().optional() }),
    output: Account,
    roles: OWNER,
  },
  // Anyone may change their own secrets; the owner may reset anyone's.
  'staff.setSecret': {
    input: z
      .object({ id: Id, password: Password.optional(), pin: Pin.optional() })
      .refine((a) => a.password || a.pin, { message: 'Give a new password or PIN.', path: ['password'] }),
    output: Account,
    roles: ANY_SIGNED_IN,
  },
} as const;
