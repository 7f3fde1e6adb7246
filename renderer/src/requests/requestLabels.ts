// Plain words for the request values the contract stores as codes, and the due-date rule for
// showing a request as overdue. Lawful bases and channels use the contract's own labels.
import type { InfoRequest } from '../../../shared/contract/requests';

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

/** Today as YYYY-MM-DD in local time (the day a request is received at the counter). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function isOverdue(r: Pick<InfoRequest, 'due_at' | 'status'>): boolean {
  return r.due_at !== '' && r.due_at < today() && r.status !== 'confirmed' && r.status !== 'refused';
}
