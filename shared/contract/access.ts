// Staff accounts, signing in at the counter, and the audit trail.
import { z } from 'zod';
import { ANY_SIGNED_IN, MANAGERS, OWNER, Role } from './roles';
import { NewPassphrase, Session } from './vault';

/** A counter PIN: 4–8 digits. Only ever used while the file is already open. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');
/** A staff password: the same strength as a file passphrase. */
export const Password = NewPassphrase;

export const Account = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  has_password: z.boolean(),
  has_pin: z.boolean(),
  pin_disabled: z.boolean(),
  created_at: z.string(),
});
export type Account = z.infer<typeof Account>;

const Id = z.number().int().positive();
const Name = z.string().trim().min(1, 'Enter a name.').max(100);

export const Settings = z.object({
  idle_lock_minutes: z.number().int().min(1, 'At least one minute.').max(240, 'At most four hours.'),
  /** Requests from third parties (another organisation, the police) need a manager's approval. */
  third_party_needs_approval: z.boolean(),
  /** Records not verified with the customer for this long join the verification worklist. */
  stale_after_months: z.number().int().min(1, 'At least one month.').max(600),
  /** No activity (or archived) for this long, and the record is proposed for deletion. */
  redundant_after_years: z.number().int().min(1, 'At least one year.').max(100),
});
export type Settings = z.infer<typeof Settings>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  user: z.string(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.number().int().nullable(),
  detail: z.string(),
});

export const access = {
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
  'settings.get': { input: z.object({}), output: Settings, roles: ANY_SIGNED_IN },
  'settings.update': { input: Settings.partial(), output: Settings, roles: OWNER },
  'audit.list': {
    input: z.object({
      before_seq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
      entity_id: z.number().int().optional(),
    }),
    output: z.array(AuditEntry),
    roles: MANAGERS,
  },
  'audit.verify': {
    input: z.object({}),
    output: z.object({ ok: z.boolean(), entries: z.number().int(), problem: z.string() }),
    roles: OWNER,
  },
  // Problems found when the file was opened (a log cut off, an older copy put back), kept until
  // the owner acknowledges them; acknowledging is itself an audit entry.
  'audit.warnings': { input: z.object({}), output: z.object({ warnings: z.array(z.string()) }), roles: OWNER },
  'audit.acknowledge': { input: z.object({}), output: z.object({ warnings: z.array(z.string()) }), roles: OWNER },
} as const;
