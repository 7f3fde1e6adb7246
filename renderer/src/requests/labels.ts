// Words for what a request lists: the fields handed over (the register's own by the labels the
// core sends), the fields a rectification corrected, and a rectification's own statuses.
import type { InfoRequest } from '../../../shared/contract/requests';
import { HANDOVER_FIELDS } from '../../../shared/handover';
import { PROVENANCE_FIELDS } from '../../../shared/profile-details';
import { STATUS_LABELS } from './requestLabels';

export const RECTIFICATION_STATUS: Record<InfoRequest['status'], string> = {
  ...STATUS_LABELS,
  approved: 'Approved, not yet corrected',
  supplied: 'Corrected, not yet closed',
  confirmed: 'Corrected and closed',
};

/** The names of the fields an edit corrected (the request keeps names, never the old values). */
export function correctedLabels(keys: string[]): string {
  return keys.map((k) => PROVENANCE_FIELDS.find((f) => f.key === k)?.label ?? k).join(', ');
}

/** Handover fields in words; a register field no longer there says so rather than its key. */
export function fieldLabels(keys: readonly string[], labels: Readonly<Record<string, string>> = {}): string {
  return keys
    .map(
      (k) =>
        labels[k] ??
        HANDOVER_FIELDS.find((f) => f.key === k)?.label ??
        (k.startsWith('fields.') ? 'a field no longer in the register' : k),
    )
    .join(', ');
}

/** What a request waits for next, in words, for the list of open requests. */
export function nextStep(r: Pick<InfoRequest, 'kind' | 'status'>): string {
  if (r.status === 'awaiting_approval') return 'A manager approves or refuses it';
  if (r.status === 'refused' || r.status === 'confirmed') return 'Nothing: it is closed';
  const supplied = r.status === 'supplied';
  switch (r.kind) {
    case 'subject_access':
      return supplied ? 'Confirm receipt of the pack' : 'Prepare the complete pack';
    case 'rectification':
      return supplied ? 'Close it as corrected' : 'Correct the record';
    case 'erasure':
      return 'Erase the customer from the record';
    default:
      return supplied ? 'Confirm receipt' : 'Hand over';
  }
}
