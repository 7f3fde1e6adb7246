// Consent as evidence: what a consent event is (channel, purpose, given or withdrawn, on what
// basis, with which wording, how and by whom), and the shapes the contract returns. The current
// state is derived from the append-only history, never stored on its own.
import { z } from 'zod';
import { CARD_NUMBER_MESSAGE, containsCardNumber } from './rules/card-guard';
import { cleanLine, cleanText } from './text';

export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CHANNEL_NAMES: Record<ConsentChannel, string> = {
  email: 'email',
  sms: 'SMS',
  phone: 'phone',
  post: 'post',
};

/**
 * Why someone may not be contacted on a channel today, in the order the core's one rule
 * (electron/core/consent/contactable.queries.ts) checks them: each person left out is counted once.
 */
export const NOT_CONTACTABLE = ['do_not_contact', 'withdrawn', 'no_consent', 'archived', 'no_address'] as const;
export type NotContactable = (typeof NOT_CONTACTABLE)[number];

const NO_ADDRESS: Record<ConsentChannel, string> = {
  email: 'no email address',
  sms: 'no mobile number',
  phone: 'no phone number',
  post: 'no postal address (line 1 and a postcode or town)',
};

/** The plain words for a reason: "consent to email withdrawn", "no mobile number". */
export function notContactableLabel(reason: NotContactable, channel: ConsentChannel): string {
  switch (reason) {
    case 'do_not_contact':
      return 'marked do not contact';
    case 'withdrawn':
      return `consent to ${CHANNEL_NAMES[channel]} withdrawn`;
    case 'no_consent':
      return `no consent to ${CHANNEL_NAMES[channel]}`;
    case 'archived':
      return 'archived';
    case 'no_address':
      return NO_ADDRESS[channel];
  }
}

export const CONSENT_METHODS = ['counter', 'form', 'phone', 'event', 'import'] as const;
/** How an event came about: the ways people record it, and 'merge' (written by a merge, never typed). */
const EVENT_METHODS = [...CONSENT_METHODS, 'merge'] as const;
export const CONSENT_METHOD_LABELS: Record<(typeof EVENT_METHODS)[number], string> = {
  counter: 'At the counter',
  form: 'On a form',
  phone: 'By phone',
  event: 'At an event',
  import: 'Imported',
  merge: 'When two records were merged',
};

/** PECR reg. 22(3): marketing by email or SMS without consent, only when all three hold. */
const SoftOptIn = z.object({
  sale_or_negotiation: z.boolean(),
  similar_products: z.boolean(),
  opt_out_offered: z.boolean(),
});
export const SOFT_OPT_IN_LABELS: Record<keyof z.infer<typeof SoftOptIn>, string> = {
  sale_or_negotiation: 'Details obtained during a sale or negotiation',
  similar_products: 'Only our own similar products and services',
  opt_out_offered: 'Opt-out offered at collection and in every message',
};

const guardedText = (label: string, max: number) =>
  z
    .string()
    .max(max * 2, `${label} can be at most ${max} characters.`)
    .transform(cleanText)
    .pipe(
      z
        .string()
        .max(max, `${label} can be at most ${max} characters.`)
        .refine((v) => !containsCardNumber(v), CARD_NUMBER_MESSAGE),
    );

export const ConsentEventInput = z.object({
  customer_id: z.number().int().positive(),
  channel: z.enum(CONSENT_CHANNELS),
  purpose: z
    .string()
    .transform(cleanLine)
    .pipe(z.string().min(1, 'Say what the consent is for.').max(60, 'A purpose can be at most 60 characters.'))
    .default('marketing'),
  action: z.enum(['given', 'withdrawn']),
  basis: z.enum(['consent', 'soft_opt_in']).default('consent'),
  soft_opt_in: SoftOptIn.optional(),
  method: z.enum(CONSENT_METHODS).default('counter'),
  /** The wording version the person was shown; a newer one in the meantime is refused. */
  wording_version: z.number().int().positive().optional(),
  evidence_note: guardedText('The evidence note', 500).default(''),
});
export type ConsentEventInput = z.output<typeof ConsentEventInput>;

/** Consent captured with a new record: the channels ticked, under the wording shown on the form. */
export const InitialConsent = z.object({
  channels: z.array(z.enum(CONSENT_CHANNELS)).max(4).default([]),
  wording_version: z.number().int().positive(),
  method: z.enum(CONSENT_METHODS).default('counter'),
});

export const ConsentEvent = z.object({
  id: z.number().int(),
  channel: z.enum(CONSENT_CHANNELS),
  purpose: z.string(),
  action: z.enum(['given', 'withdrawn']),
  basis: z.enum(['consent', 'soft_opt_in']),
  soft_opt_in: SoftOptIn.nullable(),
  wording_version: z.number().int(),
  wording: z.string(),
  method: z.enum(EVENT_METHODS),
  at: z.string(),
  by: z.string(),
  evidence_note: z.string(),
});
export type ConsentEvent = z.infer<typeof ConsentEvent>;

const ChannelState = z.object({
  channel: z.enum(CONSENT_CHANNELS),
  purpose: z.string(),
  /** What the last event said; 'none' when nothing was ever recorded. */
  state: z.enum(['given', 'withdrawn', 'none']),
  /** Whether the customer may be contacted this way for this purpose now (do-not-contact wins). */
  may_contact: z.boolean(),
  /** "email" or "no email": the words the record view shows. */
  label: z.string(),
  since: z.string(),
});

const DoNotContact = z.object({ on: z.boolean(), at: z.string(), by: z.string(), reason: z.string() });

export const ConsentHistory = z.object({
  customer_id: z.number().int(),
  do_not_contact: DoNotContact,
  current: z.array(ChannelState),
  events: z.array(ConsentEvent),
});
export type ConsentHistory = z.infer<typeof ConsentHistory>;

export const ConsentWording = z.object({
  version: z.number().int(),
  text: z.string(),
  updated_at: z.string(),
  updated_by: z.string(),
});
export type ConsentWording = z.infer<typeof ConsentWording>;

export const WordingInput = z.object({
  text: guardedText('The wording', 2000).refine((v) => v.length >= 10, 'Write the full wording people are shown.'),
});

export const DoNotContactInput = z.object({
  customer_id: z.number().int().positive(),
  on: z.boolean(),
  reason: guardedText('The reason', 200).default(''),
});
