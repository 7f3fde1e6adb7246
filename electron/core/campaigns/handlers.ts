// The campaign lists capability's handlers, spread into the one dispatch (electron/core/api.ts).
import { createList, exportList, listLists, listMembers, listResults, recordResponse } from './campaigns.service';

export const campaignHandlers = {
  'campaigns.create': createList,
  'campaigns.list': listLists,
  'campaigns.members': listMembers,
  'campaigns.export': exportList,
  'campaigns.respond': recordResponse,
  'campaigns.results': listResults,
} as const;
