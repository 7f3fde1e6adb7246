// The counter search: any part of a name, email, phone or postcode, in a keystroke or two.
import { z } from 'zod';
import { CustomerSummary } from '../customer';
import { CAN_READ } from './roles';

const SearchQuery = z.object({
  // Anything a person can type is accepted; the search itself bounds what it uses.
  q: z.string().max(100_000),
  limit: z.number().int().min(1).max(200).default(50),
  include_archived: z.boolean().default(false),
});

export const search = {
  'search.query': {
    input: SearchQuery,
    output: z.object({ items: z.array(CustomerSummary), capped: z.boolean() }),
    roles: CAN_READ,
  },
} as const;
