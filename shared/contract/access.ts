// Staff accounts, signing in at the counter, and the audit trail.
import { z } from 'zod';
import { AUDIT_KINDS } from '../audit-actions';
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
  idle_lock_minutes: z
    .number()
    .int('Give a whole number of minutes.')
    .min(1, 'At least one minute.')
    .max(240, 'At most 240 minutes (four hours).'),
  /** Requests from third parties (another organisation, the police) need a manager's approval. */
  third_party_needs_approval: z.boolean(),
  /** Records not verified with the customer for this long join the verification worklist. */
  stale_after_months: z
    .number()
    .int('Give a whole number of months.')
    .min(1, 'At least one month.')
    .max(600, 'At most 600 months (50 years).'),
  /** No activity (or archived) for this long, and the record is proposed for deletion. */
  redundant_after_years: z
    .number()
    .int('Give a whole number of years.')
    .min(1, 'At least one year.')
    .max(100, 'At most 100 years.'),
});
export type Settings = z.infer<typeof Settings>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  user: z.string(),
  action: z.string(),
  /** The action in plain words ("Viewed a record"), from shared/audit-actions.ts. */
  label: z.string(),
  entity: z.string(),
  entity_id: z.number().int().nullable(),
  /** The customer the entry is about, by name ("erased customer" once erased); '' for none. */
  customer: z.string(),
  /** The stored details as JSON (for tests and checks); the screen shows `said`. */
  detail: z.string(),
  /** The stored details in words. */
  said: z.string(),
});

/** A calendar day as typed into a filter, YYYY-MM-DD, that exists. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as day/month/year.')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'That date does not exist.');

export const AuditFilter = z
  .object({
    before_seq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
    /** Entries about this id, whatever it names (a customer, an account, an import). */
    entity_id: z.number().int().optional(),
    /** Entries about this customer, including after they were erased or merged away. */
    customer_id: z.number().int().positive().optional(),
    /** Entries by this person (staff account). */
    user_id: z.number().int().positive().optional(),
    kind: z.enum(AUDIT_KINDS).optional(),
    /** From and to are whole days, both included, in this computer's time zone. */
    from: Day.optional(),
    to: Day.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'The first day is after the last day.',
    path: ['to'],
  });
export type AuditFilter = z.infer<typeof AuditFilter>;

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
    input: AuditFilter,
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
