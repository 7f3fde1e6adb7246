// The full customer profile: consent as evidence, purchases and interactions, the buying
// summary, and the database-wide completeness table.
import { z } from 'zod';
import { ConsentEventInput, ConsentHistory, ConsentWording, DoNotContactInput, WordingInput } from '../consent';
import { BuyingSummary, Interaction, InteractionInput, Purchase, PurchaseInput } from '../purchases';
import { ANY_SIGNED_IN, CAN_EDIT, CAN_READ, MANAGERS, OWNER } from './roles';

const Id = z.number().int().positive();
const ByCustomer = z.object({ customer_id: Id, limit: z.number().int().min(1).max(500).default(50) });

export const Completeness = z.object({
  records: z.number().int(),
  fields: z.array(z.object({ field: z.string(), label: z.string(), filled: z.number().int(), percent: z.number() })),
});

export const profile = {
  'consent.record': { input: ConsentEventInput, output: ConsentHistory, roles: CAN_EDIT },
  'consent.history': { input: z.object({ customer_id: Id }), output: ConsentHistory, roles: CAN_READ },
  // Anyone at the desk must be able to honour "never contact me again".
  'consent.setDoNotContact': { input: DoNotContactInput, output: ConsentHistory, roles: CAN_EDIT },
  // Volunteers sign people up with consent, so they read the wording too.
  'consent.wording.get': { input: z.object({}), output: ConsentWording, roles: ANY_SIGNED_IN },
  'consent.wording.set': { input: WordingInput, output: ConsentWording, roles: OWNER },
  'purchases.add': { input: PurchaseInput, output: Purchase, roles: CAN_EDIT },
  'purchases.list': { input: ByCustomer, output: z.array(Purchase), roles: CAN_READ },
  'interactions.add': { input: InteractionInput, output: Interaction, roles: CAN_EDIT },
  'interactions.list': { input: ByCustomer, output: z.array(Interaction), roles: CAN_READ },
  'customers.summary': { input: z.object({ id: Id }), output: BuyingSummary, roles: CAN_READ },
  'quality.completeness': { input: z.object({}), output: Completeness, roles: MANAGERS },
} as const;
