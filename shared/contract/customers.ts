// Recording, reading, editing, verifying and erasing customers; where each value came from, the
// organisations a person may belong to, and the records that lack a must-have.
import { z } from 'zod';
import { Customer, CustomerInput, CustomerSummary } from '../customer';
import { ProvenanceRow } from '../profile-details';
import { ANY_SIGNED_IN, CAN_CAPTURE, CAN_EDIT, CAN_READ, MANAGERS } from './roles';

const Id = z.number().int().positive();

const ErasePreview = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Removed with the record, counted (0 when there is none). */
  goes: z.object({
    emails: z.number().int(),
    phones: z.number().int(),
    addresses: z.number().int(),
    consent_events: z.number().int(),
    interactions: z.number().int(),
    purchases: z.number().int(),
    /** Records merged into this one earlier, and the before-images kept by merges and imports. */
    merged_records: z.number().int(),
    earlier_versions: z.number().int(),
    /** Audit entries about the record whose details (field lists, notes) go; the entries stay. */
    audit_details: z.number().int(),
    /** Searches typed at the counter that would find them: the typed words go, the entry stays. */
    searches: z.number().int(),
    /** Requests about them: kept, with the customer's name and the words naming them blanked. */
    requests: z.number().int(),
    /** Campaign lists they are on: they leave each one, and its member count goes down. */
    campaign_lists: z.number().int(),
  }),
  /** Kept without the person: purchases folded into monthly totals per item. */
  stays: z.object({ purchase_months: z.number().int(), amount_pence: z.number().int() }),
  /** Open requests other than erasure ones: erasure is refused until each is finished or refused. */
  blocking: z.array(z.object({ id: z.number().int(), kind: z.string(), requester: z.string() })),
  /** Open erasure requests for this customer: the erasure can carry one out and close it. */
  erasure_requests: z.array(z.object({ id: z.number().int(), requester: z.string(), received_at: z.string() })),
});

export const customers = {
  // Volunteers may add records, and see only those they added in this sign-in; read-only may not add.
  'customers.create': { input: CustomerInput, output: Customer, roles: CAN_CAPTURE },
  'customers.get': { input: z.object({ id: Id }), output: Customer, roles: ANY_SIGNED_IN },
  'customers.update': {
    // `version` is the one the editor started from: a stale edit is refused, never merged silently.
    // `request_id`: the rectification request this edit carries out; the fields it changed are
    // recorded on the request (their names only) and the audit entry names the request.
    input: z.object({ id: Id, version: z.number().int(), data: CustomerInput, request_id: Id.optional() }),
    output: Customer,
    roles: CAN_EDIT,
  },
  'customers.setArchived': { input: z.object({ id: Id, archived: z.boolean() }), output: Customer, roles: MANAGERS },
  // Real deletion: the record, its search entries and related personal rows go; the audit keeps
  // a tombstone (id, date, reason, who). Refused while another information request is open.
  'customers.erase': {
    input: z.object({
      id: Id,
      reason: z.string().trim().min(1, 'Say why this record is being erased.').max(200),
      // The erasure request this fulfils, if any: it is closed by the erasure.
      request_id: Id.optional(),
    }),
    output: z.object({ id: z.number().int(), erased_at: z.string() }),
    roles: MANAGERS,
  },
  // What erasing this record would remove, counted, and what stays only as anonymous totals;
  // with the requests that block it and the open erasure requests it could close.
  'customers.erasePreview': {
    input: z.object({ id: Id }),
    output: ErasePreview,
    roles: MANAGERS,
  },
  // The record as this person may see it, as a PDF to print or keep: fields the register hides
  // from the role are left out and named, and the print is audited as its own action.
  'customers.summaryPdf': {
    input: z.object({ id: Id }),
    output: z.object({
      pdf_base64: z.string(),
      filename: z.string(),
      /** Labels of the fields left out for this role (whatever they hold). */
      left_out: z.array(z.string()),
    }),
    roles: CAN_READ,
  },
  'customers.verify': { input: z.object({ id: Id }), output: Customer, roles: CAN_EDIT },
  // Volunteers: only for the records they added in this sign-in (as customers.get).
  'customers.provenance': {
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ items: z.array(ProvenanceRow) }),
    roles: ANY_SIGNED_IN,
  },
  // Organisation names only (no people): volunteers signing someone up may pick their organisation.
  'customers.organisations': {
    input: z.object({ q: z.string().max(200) }),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), town: z.string() })),
    roles: CAN_CAPTURE,
  },
  'customers.missing': {
    input: z.object({
      limit: z.number().int().min(1).max(500).default(200),
      include_archived: z.boolean().default(false),
    }),
    output: z.object({
      items: z.array(CustomerSummary.extend({ missing: z.array(z.string()) })),
      capped: z.boolean(),
      /** The labels of the current must-haves (empty: nothing can be missing). */
      must_haves: z.array(z.string()),
    }),
    roles: CAN_READ,
  },
} as const;
