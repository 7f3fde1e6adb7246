// The information-requirements register (what the organisation collects and why) and the
// per-record completeness it drives: list it (everyone: the form needs it), change it and export
// it (owner and managers). The records that lack a must-have are customers.missing.
import { z } from 'zod';
import { NewField, RegisterEntry, RegisterUpdate } from '../register';
import { ANY_SIGNED_IN, MANAGERS } from './roles';

export const register = {
  'register.list': { input: z.object({}), output: z.array(RegisterEntry), roles: ANY_SIGNED_IN },
  'register.update': {
    input: RegisterUpdate,
    // `message` says what the change means, e.g. that stored values are kept when a field is retired.
    output: z.object({ entry: RegisterEntry, message: z.string() }),
    roles: MANAGERS,
  },
  // A field added without code (text, number, date, choices, yes/no); its values live beside the record.
  'register.add': {
    input: NewField,
    output: z.object({ entry: RegisterEntry, message: z.string() }),
    roles: MANAGERS,
  },
  // Only an organisation's own field, and only while no record holds a value for it.
  'register.remove': {
    input: z.object({ key: z.string().max(64) }),
    output: z.object({ message: z.string() }),
    roles: MANAGERS,
  },
  'register.export': {
    input: z.object({ format: z.enum(['csv', 'pdf']) }),
    output: z.object({ filename: z.string(), mime: z.string(), content_base64: z.string() }),
    roles: MANAGERS,
  },
} as const;
