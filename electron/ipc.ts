// The names shared by the main process and the preload: the two IPC channels and the core
// events the renderer may listen to. Kept here so both bundles agree and neither imports the other.
import type { EventName } from '../shared/contract/events';

export const INVOKE_CHANNEL = 'custodian:invoke';
export const EVENT_CHANNEL = 'custodian:event';

// A Record (not an array) so TypeScript insists every event in shared/contract/events.ts is listed.
const EVENTS: Record<EventName, true> = { 'session.ended': true, 'download.done': true };

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}
