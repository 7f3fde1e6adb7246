// Buying patterns and contact history: one purchase or booking (a negative amount is a refund,
// kept and labelled, never refused), one interaction, and the buying summary the record shows.
// Money is whole pence, so sums are exact.
import { z } from 'zod';
import { SensitiveAck } from './customer';
import { CARD_NUMBER_MESSAGE, containsCardNumber } from './rules/card-guard';
import { cleanLine, cleanText } from './text';

const Id = z.number().int().positive();

const line = (label: string, max = 100) =>
  z
    .string()
    .transform(cleanLine)
    .pipe(
      z
        .string()
        .max(max, `${label} can be at most ${max} characters.`)
        .refine((v) => !containsCardNumber(v), CARD_NUMBER_MESSAGE),
    );

/** A calendar day, YYYY-MM-DD, that exists and is not in the future. */
const PastDay = z
  .string()
  .transform(cleanLine)
  .refine((v) => isRealDay(v), 'Enter a real date, day first, such as 06/12/2026.')
  // A day's grace: "today" at a counter east of UTC is already tomorrow in UTC.
  .refine(
    (v) => v <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    'A purchase cannot be dated in the future.',
  );

function isRealDay(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v && Number(m[1]) >= 1900;
}

export const PurchaseInput = z.object({
  customer_id: Id,
  date: PastDay,
  item: line('The product, event or performance').pipe(z.string().min(1, 'Say what was bought or booked.')),
  category: line('The category', 60).default(''),
  quantity: z
    .number({ error: 'Enter how many, as a whole number.' })
    .int('Enter how many, as a whole number.')
    .min(1, 'The quantity must be at least 1 (record a refund as a negative amount).')
    .max(100_000, 'The quantity can be at most 100,000.'),
  // ±£10m is far beyond any counter sale; beyond it is a typing slip, not a purchase.
  amount_pence: z
    .number({ error: 'Enter the amount in pence, as a whole number.' })
    .int('Enter the amount in pence, as a whole number.')
    .min(-1_000_000_000, 'That refund is larger than any sale could be.')
    .max(1_000_000_000, 'That amount is larger than any sale could be.'),
  channel: line('The channel', 40).default(''),
  venue: line('The venue', 100).default(''),
  seat: line('The seat', 40).default(''),
});
export type PurchaseInput = z.output<typeof PurchaseInput>;

export const Purchase = z.object({
  id: z.number().int(),
  customer_id: z.number().int(),
  date: z.string(),
  item: z.string(),
  category: z.string(),
  quantity: z.number().int(),
  amount_pence: z.number().int(),
  /** True for a negative amount: money given back, shown as a refund. */
  refund: z.boolean(),
  channel: z.string(),
  venue: z.string(),
  seat: z.string(),
  created_at: z.string(),
  created_by: z.string(),
});
export type Purchase = z.infer<typeof Purchase>;

export const BuyingSummary = z.object({
  customer_id: z.number().int(),
  /** Purchases and bookings, refunds not counted. */
  purchases: z.number().int(),
  refunds: z.number().int(),
  first_purchase: z.string(),
  last_purchase: z.string(),
  /** Purchases per year between the first and the last; null until there are two. */
  per_year: z.number().nullable(),
  /** Net of refunds. */
  total_pence: z.number().int(),
  average_pence: z.number().int().nullable(),
  favourite_category: z.string(),
});
export type BuyingSummary = z.infer<typeof BuyingSummary>;

export const INTERACTION_KINDS = ['visit', 'call', 'email', 'letter', 'complaint', 'other'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** How each kind of contact reads on screen and in the subject-access pack. */
export const INTERACTION_KIND_LABELS: Record<InteractionKind, string> = {
  visit: 'Visit',
  call: 'Phone call',
  email: 'Email',
  letter: 'Letter',
  complaint: 'Complaint',
  other: 'Other contact',
};

const INTERACTION_SUMMARY_MAX = 2000;

export const InteractionInput = z.object({
  customer_id: Id,
  /** When it happened; now if left out. */
  at: z.iso.datetime({ offset: true, error: 'Enter a date and time.' }).optional(),
  kind: z.enum(INTERACTION_KINDS, 'Choose what kind of contact it was.'),
  /** What it was about, in a few lines (free text: the sensitive-terms guard applies). */
  summary: z
    .string()
    .max(INTERACTION_SUMMARY_MAX * 2, `The summary can be at most ${INTERACTION_SUMMARY_MAX} characters.`)
    .transform(cleanText)
    .pipe(
      z
        .string()
        .max(INTERACTION_SUMMARY_MAX, `The summary can be at most ${INTERACTION_SUMMARY_MAX} characters.`)
        .refine((v) => !containsCardNumber(v), CARD_NUMBER_MESSAGE),
    )
    .default(''),
  outcome: line('The outcome', 500).default(''),
  /** The member of staff who handled it; the person recording it if left out. */
  handled_by: Id.optional(),
  /** Needed when the summary or outcome hints at special-category data (as for notes). */
  sensitive_ack: SensitiveAck.optional(),
});

export const Interaction = z.object({
  id: z.number().int(),
  customer_id: z.number().int(),
  at: z.string(),
  kind: z.enum(INTERACTION_KINDS),
  summary: z.string(),
  outcome: z.string(),
  handled_by: z.string(),
  /** Who wrote it down (usually the person who handled it). */
  logged_by: z.string(),
});
export type Interaction = z.infer<typeof Interaction>;
