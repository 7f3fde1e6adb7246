// Plain words for requests: the values the contract stores as codes (kinds, who asks, statuses,
// how receipt was confirmed), what a request lists (the fields handed over, by the register's own
// labels the core sends, and the fields a rectification corrected), what it waits for next, and
// the due-date rule for showing it as overdue. Lawful bases and channels use the contract's labels.
import type { InfoRequest } from '../../../shared/contract/requests';
import { todayIso } from '../../../shared/dates';
import { HANDOVER_FIELDS } from '../../../shared/handover';
import { PROVENANCE_FIELDS } from '../../../shared/profile-details';

export const KIND_LABELS: Record<InfoRequest['kind'], string> = {
  disclosure: 'Disclosure',
  subject_access: 'Subject access (the customer sees their data)',
  rectification: 'Rectification (correct the record)',
  erasure: 'Erasure (delete the record)',
};

export const KIND_SHORT: Record<InfoRequest['kind'], string> = {
  disclosure: 'Disclosure',
  subject_access: 'Subject access',
  rectification: 'Rectification',
  erasure: 'Erasure',
};

export const REQUESTER_LABELS: Record<InfoRequest['requester_type'], string> = {
  customer: 'The customer',
  colleague: 'A colleague',
  third_party: 'A third party (another organisation, the police)',
};

export const STATUS_LABELS: Record<InfoRequest['status'], string> = {
  awaiting_approval: 'Waiting for approval',
  approved: 'Approved, not yet handed over',
  refused: 'Refused',
  supplied: 'Handed over, receipt not confirmed',
  confirmed: 'Receipt confirmed',
};

export const CONFIRM_METHODS = ['in_person', 'phone', 'email', 'letter', 'signed_receipt'] as const;
export type ConfirmMethod = (typeof CONFIRM_METHODS)[number];

export const CONFIRM_LABELS: Record<ConfirmMethod, string> = {
  in_person: 'In person',
  phone: 'By phone',
  email: 'By email',
  letter: 'By letter',
  signed_receipt: 'Signed receipt',
};

/** Past its due day (local time) and still open. */
export function isOverdue(r: Pick<InfoRequest, 'due_at' | 'status'>): boolean {
  return r.due_at !== '' && r.due_at < todayIso() && r.status !== 'confirmed' && r.status !== 'refused';
}

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
