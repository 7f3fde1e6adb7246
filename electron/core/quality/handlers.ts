// The quality of the whole file: the verification worklist and the completeness table.
import type { Handlers } from '../context';
import { completenessTable } from './completeness.service';
import { listStale } from './freshness';

export const handlers: Handlers<'quality'> = {
  'quality.staleList': listStale,
  'quality.completeness': completenessTable,
};
