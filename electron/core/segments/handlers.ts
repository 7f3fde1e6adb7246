// The segments capability's handlers, spread into the one dispatch (electron/core/api.ts).
import type { Handlers } from '../context';
import { countDefinition, listSegments, removeSegment, saveSegment } from './segments.service';

export const handlers: Handlers<'segments'> = {
  'segments.count': countDefinition,
  'segments.save': saveSegment,
  'segments.list': listSegments,
  'segments.remove': removeSegment,
};
