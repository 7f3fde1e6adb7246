// Contacts with the customer (visits, calls, emails, letters, complaints) logged from the record.
import { z } from 'zod';
import { Interaction, InteractionInput } from '../purchases';
import { CAN_EDIT, CAN_READ } from './roles';

const Id = z.number().int().positive();
const ByCustomer = z.object({ customer_id: Id, limit: z.number().int().min(1).max(500).default(50) });

export const interactions = {
  'interactions.add': { input: InteractionInput, output: Interaction, roles: CAN_EDIT },
  'interactions.list': { input: ByCustomer, output: z.array(Interaction), roles: CAN_READ },
} as const;
