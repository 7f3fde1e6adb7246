// The briefs capability's handlers, spread into the one dispatch (electron/core/api.ts).
import type { Handlers } from '../context';
import { makeBrief } from './briefs.service';

export const handlers: Handlers<'briefs'> = {
  'briefs.make': makeBrief,
};
