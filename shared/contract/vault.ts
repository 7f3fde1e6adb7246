// Opening, creating and locking the encrypted customer file.
import { z } from 'zod';
import { CAN_EDIT, MANAGERS, OWNER, Role } from './roles';

export const Passphrase = z
  .string()
  .min(1, 'Enter the passphrase.')
  .max(1024, 'The passphrase can be at most 1024 characters.')
  .refine((p) => !/[\u0000-\u001F\u007F]/.test(p), 'The passphrase cannot contain control characters.');

const COMMON = /^(?:password|passphrase|qwerty|letmein|welcome|custodian|123456|abc123|iloveyou)/i;

/**
 * A passphrase anyone would try first: a well-known one (with only digits or marks after it),
 * one character repeated, or a run of digits. The renderer's strength hint says the same.
 */
export function easyToGuess(p: string): boolean {
  const common = COMMON.exec(p);
  if (common && /^[\d\W_]*$/.test(p.slice(common[0].length))) return true;
  return /^(.)\1+$/s.test(p) || /^\d+$/.test(p.replace(/\s/g, ''));
}

/** A new passphrase: long enough to resist guessing if the file is copied. */
export const NewPassphrase = Passphrase.refine(
  (p) => [...p].length >= 10,
  'Use at least 10 characters: a few unrelated words are easy to remember and hard to guess.',
).refine((p) => !easyToGuess(p), 'This passphrase is easy to guess. Try three or four unrelated words.');

export const Session = z.object({
  token: z.string(),
  user: z.object({ id: z.number().int(), name: z.string(), role: Role }),
  expires_at: z.string(),
  /** Things the person opening the file must be told once (an import cut off and taken back). */
  notices: z.array(z.string()).optional(),
});
export type Session = z.infer<typeof Session>;

export const vault = {
  'vault.status': {
    input: z.object({}),
    output: z.object({ path: z.string(), exists: z.boolean(), unlocked: z.boolean() }),
    public: true,
  },
  'vault.create': {
    input: z.object({ passphrase: NewPassphrase, owner_name: z.string().trim().min(1, 'Enter your name.').max(100) }),
    output: Session,
    public: true,
  },
  'vault.unlock': { input: z.object({ passphrase: Passphrase }), output: Session, public: true },
  // Closes the file: the key leaves memory; the next person needs the file passphrase.
  'vault.lock': { input: z.object({}), output: z.object({}), roles: CAN_EDIT },
  'vault.changePassphrase': {
    input: z.object({ current: Passphrase, next: NewPassphrase }).refine((p) => p.current !== p.next, {
      message: 'The new passphrase is the same as the current one. Choose a different one.',
      path: ['next'],
    }),
    output: z.object({ integrity: z.string() }),
    roles: OWNER,
  },
  // How big the file is and about how long changing its passphrase takes (the screen says so).
  'vault.rekeyEstimate': {
    input: z.object({}),
    output: z.object({ bytes: z.number().int(), seconds: z.number().int() }),
    roles: OWNER,
  },
  'vault.check': {
    input: z.object({}),
    output: z.object({
      integrity: z.string(),
      schema_version: z.number().int(),
      app_schema_version: z.number().int(),
      cipher: z.string(),
      customers: z.number().int(),
      audit: z.object({ ok: z.boolean(), entries: z.number().int(), problem: z.string() }),
      // Problems found on opening (a cut-off log, an older copy put back), until the owner acknowledges them.
      audit_warnings: z.array(z.string()),
    }),
    roles: MANAGERS,
  },
} as const;
