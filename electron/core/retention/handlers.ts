// Records and values kept past their purpose: the review and the deletion for real.
import type { Handlers } from '../context';
import { eraseExpiredValues, eraseRedundant, reviewRetention } from './retention';

export const handlers: Handlers<'retention'> = {
  'retention.review': reviewRetention,
  'retention.erase': eraseRedundant,
  'retention.eraseValues': eraseExpiredValues,
};
