// Campaign lists: a segment frozen on a day for one campaign (channel, purpose, wording, who made
// it). Only people who may be contacted on the channel that day go in, by the one contactable
// rule, and the rest are counted by reason; a customer's stated contact frequency and earlier
// lists can keep them out too. Responses are recorded per member; an unsubscribe is a consent
// withdrawal with its evidence, a bounce or returned mail sends the record to be checked.
import { z } from 'zod';
import { CUSTOMER_COLUMNS } from '../columns';
import { CONSENT_CHANNELS, type ConsentChannel, NOT_CONTACTABLE, notContactableLabel } from '../consent';
import { EXPORT_FORMATS, exporting } from './exports';
import { MANAGERS } from './roles';

const Id = z.number().int().positive();

export const LIST_LEFT_OUT = [...NOT_CONTACTABLE, 'frequency', 'earlier_list'] as const;
export type ListLeftOut = (typeof LIST_LEFT_OUT)[number];
export const RESPONSES = ['responded', 'bought', 'unsubscribed', 'bounced', 'returned_mail'] as const;
export type Response = (typeof RESPONSES)[number];
export const RESPONSE_LABELS: Record<Response, string> = {
  responded: 'Responded',
  bought: 'Booked or bought',
  unsubscribed: 'Unsubscribed',
  bounced: 'Email or text bounced',
  returned_mail: 'Post returned',
};

/** A reason someone stayed off a list, in words (the contactable reasons say it their own way). */
export function listLeftOutLabel(reason: ListLeftOut, channel: ConsentChannel): string {
  if (reason === 'frequency') return 'asked to hear from us less often than this';
  if (reason === 'earlier_list') return 'on an earlier list this one leaves out';
  return notContactableLabel(reason, channel);
}

/** A list goes out as a file for mail-merge, a vCard file, or (for post) a PDF of address labels. */
export const LIST_FORMATS = [...EXPORT_FORMATS, 'labels'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
export const LIST_FORMAT_LABELS: Record<ListFormat, string> = {
  csv: 'CSV for mail-merge',
  xlsx: 'Excel workbook (XLSX) for mail-merge',
  vcf: 'vCard contacts',
  json: 'JSON',
  labels: 'Address labels (PDF, A4 sheets of 21)',
};

/** How the list differs from the database, said once where a list is made. */
export const SNAPSHOT_SENTENCE =
  'A campaign list is a snapshot: it keeps the people chosen today, and does not change when records do — except that erasing someone takes them off it.';

export const CampaignList = z.object({
  id: Id,
  name: z.string(),
  segment_name: z.string(),
  channel: z.enum(CONSENT_CHANNELS),
  purpose: z.string(),
  wording: z.string(),
  members: z.number().int(),
  held_out: z.number().int(),
  left_out: z.array(z.object({ reason: z.enum(LIST_LEFT_OUT), count: z.number().int() })),
  created_at: z.string(),
  created_by: z.string(),
});
export type CampaignList = z.infer<typeof CampaignList>;

export const campaigns = {
  'campaigns.create': {
    input: z.object({
      name: z.string().trim().min(1, 'Give the list a name.').max(120),
      segment_id: Id,
      channel: z.enum(CONSENT_CHANNELS, 'Choose how these people will be contacted.'),
      purpose: z.string().trim().min(1, 'Say what the campaign is for.').max(1000),
      wording: z.string().trim().max(5000).default(''),
      /** Kept out of the mailing at random, to measure what the campaign did. */
      holdout_percent: z.number().int().min(0).max(50).default(0),
      /** Leave out anyone on these earlier lists. */
      exclude_lists: z.array(Id).max(100).default([]),
    }),
    output: CampaignList,
    roles: MANAGERS,
  },
  'campaigns.list': { input: z.object({}), output: z.array(CampaignList), roles: MANAGERS },
  'campaigns.members': {
    input: z.object({
      list_id: Id,
      after_id: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({
      items: z.array(
        z.object({
          id: z.number().int(),
          ref: z.string(),
          name: z.string(),
          holdout: z.boolean(),
          response: z.enum(RESPONSES).nullable(),
        }),
      ),
      next_after_id: z.number().int().nullable(),
    }),
    roles: MANAGERS,
  },
  // The mailed members (never the hold-out), through the same export as everything else: the
  // contactable rule is asked again on the day of export, and the export is audited with its
  // purpose. Labels print the name and postal address, so they take no field list.
  'campaigns.export': {
    input: z
      .object({
        list_id: Id,
        format: z.enum(LIST_FORMATS),
        fields: z.array(z.enum(CUSTOMER_COLUMNS)).max(CUSTOMER_COLUMNS.length).default([]),
      })
      .refine((i) => i.format === 'labels' || i.fields.length > 0, {
        message: 'Choose at least one field to export.',
        path: ['fields'],
      }),
    output: exporting['exports.run'].output,
    roles: MANAGERS,
  },
  'campaigns.respond': {
    input: z.object({
      list_id: Id,
      customer_id: Id,
      response: z.enum(RESPONSES),
      note: z.string().trim().max(300).default(''),
    }),
    output: z.object({ message: z.string() }),
    roles: MANAGERS,
  },
  'campaigns.results': {
    input: z.object({ list_id: Id, days: z.number().int().min(1).max(366).default(30) }),
    output: z.object({
      mailed: z.number().int(),
      held_out: z.number().int(),
      responses: z.array(z.object({ response: z.enum(RESPONSES), count: z.number().int() })),
      response_rate: z.number(),
      /** Members with a purchase within `days` of the list, mailed and held out. */
      bought_mailed: z.number().int(),
      bought_held_out: z.number().int(),
    }),
    roles: MANAGERS,
  },
} as const;
