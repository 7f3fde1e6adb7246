// Information requests and handover: who asks, why, how they were checked, on what lawful
// basis; approval where required; the fields and channel chosen; confirmation of receipt.
import { z } from 'zod';
import { HandoverKey } from '../handover';
import { CAN_EDIT, MANAGERS, Role } from './roles';

const Id = z.number().int().positive();
const Text = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} can be at most ${max} characters.`);

export const REQUEST_KINDS = ['disclosure', 'subject_access', 'rectification', 'erasure'] as const;
export const REQUESTER_TYPES = ['customer', 'colleague', 'third_party'] as const;
export const LAWFUL_BASES = [
  'data_subject_right',
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
export const CHANNELS = ['screen', 'pdf', 'csv', 'vcard', 'json', 'encrypted'] as const;
const REQUEST_STATUSES = ['awaiting_approval', 'approved', 'refused', 'supplied', 'confirmed'] as const;

export const LAWFUL_BASIS_LABELS: Record<(typeof LAWFUL_BASES)[number], string> = {
  data_subject_right: "The customer's own right of access (UK GDPR Art. 15)",
  consent: 'Consent of the customer',
  contract: 'Needed for a contract with the customer',
  legal_obligation: 'Legal obligation (e.g. a court order)',
  vital_interests: "To protect someone's life",
  public_task: 'Public task (e.g. police under DPA 2018 Sch. 2)',
  legitimate_interests: 'Legitimate interests',
};

/**
 * A subject-access request is answered because the law requires it (UK GDPR Art. 15, so Art.
 * 6(1)(c)); the form presets this. Older requests recorded the customer's own right instead.
 */
export const SUBJECT_ACCESS_BASIS = 'legal_obligation' as const;
export const SUBJECT_ACCESS_BASES: readonly (typeof LAWFUL_BASES)[number][] = [
  'legal_obligation',
  'data_subject_right',
];
export const SUBJECT_ACCESS_BASIS_LABEL = 'Legal obligation: the customer’s right of access (UK GDPR Art. 15)';

/** A request's lawful basis in words (a subject-access request's says why the law requires it). */
export function basisLabel(kind: (typeof REQUEST_KINDS)[number], basis: (typeof LAWFUL_BASES)[number]): string {
  return kind === 'subject_access' && basis === SUBJECT_ACCESS_BASIS
    ? SUBJECT_ACCESS_BASIS_LABEL
    : LAWFUL_BASIS_LABELS[basis];
}

/** How a subject-access request's complete pack is recorded as handed over. */
export const PACK_CHANNEL = 'access_pack';

export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  screen: 'Shown on screen',
  pdf: 'Printed summary / PDF',
  csv: 'CSV file',
  vcard: 'vCard (contacts)',
  json: 'JSON pack',
  encrypted: 'Encrypted file (separate passphrase)',
};

/** Every way a request's information went out, in words (the handover channels and the pack). */
export const DELIVERY_LABELS: Record<string, string> = {
  ...CHANNEL_LABELS,
  [PACK_CHANNEL]: 'Complete subject-access pack (PDF and JSON)',
};

export const InfoRequest = z.object({
  id: z.number().int(),
  /** null once the customer has been erased. */
  customer_id: z.number().int().nullable(),
  customer_name: z.string(),
  kind: z.enum(REQUEST_KINDS),
  requester_type: z.enum(REQUESTER_TYPES),
  requester_name: z.string(),
  requester_org: z.string(),
  reason: z.string(),
  identity_check: z.string(),
  lawful_basis: z.enum(LAWFUL_BASES),
  status: z.enum(REQUEST_STATUSES),
  received_at: z.string(),
  due_at: z.string(),
  created_by: z.string(),
  decided_by: z.string(),
  decided_at: z.string(),
  decision_note: z.string(),
  fields: z.array(z.string()),
  channel: z.string(),
  supplied_by: z.string(),
  supplied_at: z.string(),
  confirmed_at: z.string(),
  confirmation_method: z.string(),
  understood: z.boolean().nullable(),
  confirmation_note: z.string(),
});
export type InfoRequest = z.infer<typeof InfoRequest>;

const Delivery = z.object({
  request: InfoRequest,
  filename: z.string(),
  mime: z.string(),
  content_base64: z.string(),
  /** For the on-screen channel: the fields to show (a list field one item a line). */
  shown: z.array(
    z.object({
      label: z.string(),
      value: z.string(),
      items: z.array(z.object({ label: z.string(), value: z.string() })).nullable(),
    }),
  ),
});

/** What the signed-in role may hand over, and whether it may prepare a subject-access pack. */
const HandoverOptions = z.object({
  /** The fields offered: those this role may see (the register's own fields as `fields.<key>`). */
  fields: z.array(HandoverKey),
  /** The fields left out because the register hides them from this role. */
  withheld: z.array(HandoverKey),
  /** Every offered or withheld field's label, by key. */
  labels: z.record(z.string(), z.string()),
  pack: z.object({
    /** A pack must be complete: only a role that may see every field in the register prepares it. */
    allowed: z.boolean(),
    /** The roles that may prepare it (may be none, if the register hides a field from everyone). */
    roles: z.array(Role),
    /** Why this role may not, and whom to ask; empty when it may. */
    message: z.string(),
  }),
});

export const requests = {
  'requests.create': {
    input: z.object({
      customer_id: Id,
      kind: z.enum(REQUEST_KINDS),
      requester_type: z.enum(REQUESTER_TYPES),
      requester_name: Text('who is asking', 200),
      requester_org: z.string().trim().max(200).default(''),
      reason: Text('why they are asking'),
      identity_check: Text('how their identity or authority was checked'),
      lawful_basis: z.enum(LAWFUL_BASES, { error: 'Choose the lawful basis for disclosing this information.' }),
      // The day the request arrived (YYYY-MM-DD); today if not given.
      received_on: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date day first, such as 06/12/2026.')
        .optional(),
    }),
    output: InfoRequest,
    roles: CAN_EDIT,
  },
  'requests.decide': {
    input: z.object({ id: Id, approve: z.boolean(), note: z.string().trim().max(500).default('') }),
    output: InfoRequest,
    roles: MANAGERS,
  },
  'requests.list': {
    input: z.object({ customer_id: Id.optional(), open_only: z.boolean().default(false) }),
    output: z.array(InfoRequest),
    roles: CAN_EDIT,
  },
  'requests.options': {
    input: z.object({}),
    output: HandoverOptions,
    roles: CAN_EDIT,
  },
  'requests.supply': {
    input: z.object({
      id: Id,
      fields: z.array(HandoverKey).min(1, 'Choose at least one field to hand over.').max(500),
      channel: z.enum(CHANNELS),
      // Only for the encrypted channel: told to the recipient separately, never stored.
      file_passphrase: z.string().min(10, 'Use at least 10 characters for the file passphrase.').max(1024).optional(),
    }),
    output: Delivery,
    roles: CAN_EDIT,
  },
  'requests.confirm': {
    input: z.object({
      id: Id,
      method: z.enum(['in_person', 'phone', 'email', 'letter', 'signed_receipt']),
      understood: z.boolean(),
      note: z.string().trim().max(500).default(''),
    }),
    output: InfoRequest,
    roles: CAN_EDIT,
  },
  // A rectification request whose corrections were made (customers.update with its id) is closed
  // as corrected; the request then lists the fields that were corrected.
  'requests.closeCorrected': {
    input: z.object({ id: Id, note: z.string().trim().max(500).default('') }),
    output: InfoRequest,
    roles: CAN_EDIT,
  },
  // Everything held about the customer: a readable PDF and a JSON file (subject access).
  'requests.accessPack': {
    input: z.object({ id: Id }),
    output: z.object({ pdf_base64: z.string(), json: z.string(), filename: z.string() }),
    roles: CAN_EDIT,
  },
} as const;
