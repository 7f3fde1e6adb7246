// The counter search.
import type { Handlers } from '../context';
import { searchWithAudit } from './search.service';

export const handlers: Handlers<'search'> = {
  'search.query': searchWithAudit,
};
