// The segments capability's handlers, spread into the one dispatch (electron/core/api.ts).
import { countDefinition, listSegments, removeSegment, saveSegment } from './segments.service';

export const segmentHandlers = {
  'segments.count': countDefinition,
  'segments.save': saveSegment,
  'segments.list': listSegments,
  'segments.remove': removeSegment,
} as const;
