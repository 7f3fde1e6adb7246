// A customer's last activity: what it was, in words, with its day ("last purchase 3 Dec 2023").
// The core stamps it on the record (customers.last_activity_at / last_activity, migration 0011);
// the retention review and the screens say it the same way. Pure.
import { z } from 'zod';

const ACTIVITY_KINDS = [
  'created',
  'imported',
  'changed',
  'verified',
  'purchase',
  'consent',
  'interaction',
  'request',
  'merge',
] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

const WORDS: Record<ActivityKind, string> = {
  created: 'record created',
  imported: 'imported',
  changed: 'record changed',
  verified: 'verified with the customer',
  purchase: 'last purchase',
  consent: 'consent recorded',
  interaction: 'last contact',
  request: 'information request',
  merge: 'merged with another record',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Dec 2023" from an ISO date or stamp (its day as written, no time zone shift). */
export function dayInWords(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  const month = MONTHS[Number(m) - 1];
  return y && month && d ? `${Number(d)} ${month} ${y}` : iso;
}

/** "last purchase 3 Dec 2023"; an unknown kind (a newer file) still gives its day. */
export function activityInWords(kind: string, at: string): string {
  const words = WORDS[kind as ActivityKind] ?? 'last activity';
  return `${words} ${dayInWords(at)}`;
}
