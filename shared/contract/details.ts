// The fuller profile: where each value of a record came from, and the organisations a person
// may be recorded as belonging to.
import { z } from 'zod';
import { ProvenanceRow } from '../profile-details';
import { ANY_SIGNED_IN, CAN_CAPTURE } from './roles';

export const details = {
  // Volunteers: only for the records they added in this sign-in (as customers.get).
  'customers.provenance': {
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ items: z.array(ProvenanceRow) }),
    roles: ANY_SIGNED_IN,
  },
  // Organisation names only (no people): volunteers signing someone up may pick their organisation.
  'customers.organisations': {
    input: z.object({ q: z.string().max(200) }),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), town: z.string() })),
    roles: CAN_CAPTURE,
  },
} as const;
