// Contacts with the customer logged from the record.
import type { Handlers } from '../context';
import { addInteraction, listInteractions } from './interactions.service';

export const handlers: Handlers<'interactions'> = {
  'interactions.add': addInteraction,
  'interactions.list': listInteractions,
};
