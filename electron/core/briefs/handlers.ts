// The briefs capability's handlers, spread into the one dispatch (electron/core/api.ts).
import { makeBrief } from './briefs.service';

export const briefHandlers = {
  'briefs.make': makeBrief,
} as const;
