// Consent as evidence: each channel and purpose as an append-only history with the exact wording
// shown, do-not-contact, and the organisation's consent wording.
import { z } from 'zod';
import { ConsentEventInput, ConsentHistory, ConsentWording, DoNotContactInput, WordingInput } from '../consent';
import { ANY_SIGNED_IN, CAN_EDIT, CAN_READ, OWNER } from './roles';

const Id = z.number().int().positive();
const _ByCustomer = z.object({ customer_id: Id, limit: z.number().int().min(1).max(500).default(50) });

export const consent = {
  'consent.record': { input: ConsentEventInput, output: ConsentHistory, roles: CAN_EDIT },
  'consent.history': { input: z.object({ customer_id: Id }), output: ConsentHistory, roles: CAN_READ },
  // Anyone at the desk must be able to honour "never contact me again".
  'consent.setDoNotContact': { input: DoNotContactInput, output: ConsentHistory, roles: CAN_EDIT },
  // Volunteers sign people up with consent, so they read the wording too.
  'consent.wording.get': { input: z.object({}), output: ConsentWording, roles: ANY_SIGNED_IN },
  'consent.wording.set': { input: WordingInput, output: ConsentWording, roles: OWNER },
} as const;
