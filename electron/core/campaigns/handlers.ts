// The campaign lists capability's handlers, spread into the one dispatch (electron/core/api.ts).
import type { Handlers } from '../context';
import { createList, exportList, listLists, listMembers, listResults, recordResponse } from './campaigns.service';

export const handlers: Handlers<'campaigns'> = {
  'campaigns.create': createList,
  'campaigns.list': listLists,
  'campaigns.members': listMembers,
  'campaigns.export': exportList,
  'campaigns.respond': recordResponse,
  'campaigns.results': listResults,
};
