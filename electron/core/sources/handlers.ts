// The sources register.
import type { Handlers } from '../context';
import { listSources, setSourceCost } from './sources.service';

export const handlers: Handlers<'sources'> = {
  'sources.list': listSources,
  'sources.setCost': setSourceCost,
};
