// A segment's definition is data: conditions over where people are (geographic), who they are
// (demographic), what they care about (the register's choice fields), what they buy (buying
// pattern) and how we know them (relationship), combined in all/any groups with not. The
// contract validates it; the core compiles it to SQL with bound values (segments.queries.ts).
// Kept in shared/ so the segment builder, the command line's DEFINITION.json and the core read
// one shape, and every message about a bad definition is written once.
import { z } from 'zod';
import { CONSENT_CHANNELS } from './consent';
import { AGE_BANDS, UK_REGIONS } from './geography';
import { CUSTOMER_KINDS } from './profile-details';
import { BASES, RFM_GROUPS, RfmBreaks } from './rfm';

/** Enough for a list of customer numbers pasted in; more is a mistake, refused in words. */
const MAX_VALUES = 100_000;
const MAX_CONDITIONS = 60;
export const MAX_DEPTH = 5;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDay = (s: string): boolean => {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};
const Day = z.string().refine(isDay, 'Use a real date written YYYY-MM-DD.');

/** A period of days, both ends included; either end may be open. */
export const Period = z
  .object({ from: Day.optional(), to: Day.optional() })
  .strict()
  .refine((p) => !p.from || !p.to || p.from <= p.to, {
    message: 'The period ends before it starts: the “to” date must be on or after the “from” date.',
  });
export type Period = z.infer<typeof Period>;

const Values = z
  .array(z.string().trim().min(1, 'A value is empty.').max(200))
  .min(1, 'Choose at least one value.')
  .max(MAX_VALUES, `At most ${MAX_VALUES.toLocaleString('en-GB')} values in one condition.`);

const Range = z
  .object({ min: z.number().int().optional(), max: z.number().int().optional() })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined, 'Give a least, a most, or both.')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'The least is more than the most.');

const POSTCODE_LEVELS = ['area', 'district', 'sector'] as const;
const RECORD_DATES = ['created', 'last_verified', 'last_activity'] as const;
const PURCHASE_MEASURES = ['count', 'spend_pence'] as const;
export const CONSENT_STATES = ['may_contact', 'consented', 'withdrawn', 'never_given', 'do_not_contact'] as const;
const FIELD_OPS = ['any_of', 'all_of', 'is_set', 'not_set', 'at_least', 'at_most'] as const;
/** Against the register's must-haves: all held, one or more missing, or at least a share held. */
export const COMPLETENESS_STATES = ['complete', 'missing', 'at_least'] as const;

const FieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'That is not a field of the register.');

export const Condition = z.discriminatedUnion('kind', [
  // Geographic — any address of the customer's that is a UK postcode.
  z.object({ kind: z.literal('postcode'), level: z.enum(POSTCODE_LEVELS), values: Values }).strict(),
  z.object({ kind: z.literal('region'), values: z.array(z.enum(UK_REGIONS)).min(1, 'Choose a region.') }).strict(),
  z.object({ kind: z.literal('town'), values: Values }).strict(),
  // Demographic.
  z.object({ kind: z.literal('age_band'), values: z.array(z.enum(AGE_BANDS)).min(1, 'Choose an age band.') }).strict(),
  z.object({ kind: z.literal('customer_kind'), value: z.enum(CUSTOMER_KINDS) }).strict(),
  // The register's own fields: household, interests, motivations and any field the owner added.
  z
    .object({
      kind: z.literal('field'),
      key: FieldKey,
      op: z.enum(FIELD_OPS),
      values: z.array(z.string().trim().min(1)).max(MAX_VALUES).default([]),
    })
    .strict(),
  // Buying pattern.
  z
    .object({
      kind: z.literal('bought'),
      item: z.string().trim().min(1).max(200).optional(),
      category: z.string().trim().min(1).max(200).optional(),
      period: Period.default({}),
      min_times: z.number().int().min(1).max(100_000).default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('purchases'),
      measure: z.enum(PURCHASE_MEASURES),
      range: Range,
      period: Period.default({}),
    })
    .strict(),
  z.object({ kind: z.literal('purchase_date'), which: z.enum(['first', 'last']), period: Period }).strict(),
  z
    .object({
      kind: z.literal('bought_via'),
      by: z.enum(['channel', 'venue']),
      values: Values,
      period: Period.default({}),
    })
    .strict(),
  // The customer's RFM group over a period: the same scores and groups as the RFM report.
  z
    .object({
      kind: z.literal('rfm_group'),
      groups: z.array(z.enum(RFM_GROUPS)).min(1, 'Choose a group.'),
      period: Period.default({}),
      basis: z.enum(BASES).default('purchases'),
      breaks: RfmBreaks.optional(),
    })
    .strict(),
  // Relationship.
  z.object({ kind: z.literal('source'), values: Values }).strict(),
  z.object({ kind: z.literal('record_date'), which: z.enum(RECORD_DATES), period: Period }).strict(),
  z.object({ kind: z.literal('consent'), channel: z.enum(CONSENT_CHANNELS), state: z.enum(CONSENT_STATES) }).strict(),
  // The record's completeness by the register's must-haves (the rule of the missing list).
  z
    .object({
      kind: z.literal('completeness'),
      state: z.enum(COMPLETENESS_STATES),
      /** For at_least: the share of the must-haves held, in per cent. */
      percent: z.number().int().min(0).max(100).default(100),
    })
    .strict(),
]);
export type Condition = z.infer<typeof Condition>;

export type Node = Condition | { all: Node[] } | { any: Node[] } | { not: Node };

const Groups = {
  all: z.object({ all: z.array(z.lazy(() => Node)).min(1, 'A group needs at least one condition.') }).strict(),
  any: z.object({ any: z.array(z.lazy(() => Node)).min(1, 'A group needs at least one condition.') }).strict(),
  not: z.object({ not: z.lazy(() => Node) }).strict(),
};

/** The kinds of condition there are, read from the union so a new kind is named here too. */
const KINDS = Condition.options.map((o) => o.shape.kind.value);
const SHAPES = `a condition ({"kind": …} where the kind is one of ${KINDS.join(', ')}) or a group ({"all": […]}, {"any": […]} or {"not": …})`;

/** Words for a node that is neither a known condition nor a group (a hand-edited file). */
function unknownKind(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `Each entry of a group is ${SHAPES}; found ${JSON.stringify(value)?.slice(0, 40)}.`;
  if (!('kind' in value))
    return 'all' in value || 'any' in value || 'not' in value ? null : `An entry is not ${SHAPES}.`;
  const kind = (value as { kind: unknown }).kind;
  if (typeof kind === 'string' && (KINDS as string[]).includes(kind)) return null;
  return `“${String(kind)}” is not a kind of condition: use one of ${KINDS.join(', ')}.`;
}

/**
 * A condition or a group, chosen by its keys before it is checked, so a mistake deep in a hand-edited
 * file is reported where it is ("Choose at least one value" at match.all.2.values) rather than as
 * "matches none of the shapes" at the top.
 */
export const Node: z.ZodType<Node> = z.unknown().transform((value, ctx): Node => {
  const wrong = unknownKind(value);
  if (wrong) {
    ctx.addIssue({
      code: 'custom',
      message: wrong,
      path: typeof value === 'object' && value && 'kind' in value ? ['kind'] : [],
    });
    return z.NEVER;
  }
  const shape =
    typeof value === 'object' && value !== null && !('kind' in value)
      ? 'all' in value
        ? Groups.all
        : 'any' in value
          ? Groups.any
          : 'not' in value
            ? Groups.not
            : Condition
      : Condition;
  const parsed = (shape as z.ZodType<Node>).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

/** The top group may be empty: a definition with no conditions yet is everyone. */
const TopGroup = z.unknown().transform((value, ctx): { all: Node[] } | { any: Node[] } => {
  if (typeof value !== 'object' || value === null || !('all' in value || 'any' in value)) {
    ctx.addIssue({ code: 'custom', message: 'The match is one group: {"all": [ … ]} or {"any": [ … ]}.' });
    return z.NEVER;
  }
  const shape =
    typeof value === 'object' && value !== null && 'any' in value
      ? z.object({ any: z.array(Node) }).strict()
      : z.object({ all: z.array(Node) }).strict();
  const parsed = shape.safeParse(value);
  if (parsed.success) return parsed.data as { all: Node[] } | { any: Node[] };
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

function measure(node: Node, depth: number): { conditions: number; depth: number } {
  if ('all' in node || 'any' in node) {
    const parts = ('all' in node ? node.all : node.any).map((n) => measure(n, depth + 1));
    return {
      conditions: parts.reduce((s, p) => s + p.conditions, 0),
      depth: Math.max(depth, ...parts.map((p) => p.depth)),
    };
  }
  if ('not' in node) return measure(node.not, depth + 1);
  return { conditions: 1, depth };
}

/** The whole definition: one group at the top, versioned so a later shape can read old ones. */
export const Definition = z
  .object(
    {
      version: z.literal(1, 'This definition is not version 1, the only version Custodian reads: set "version": 1.'),
      match: TopGroup,
    },
    'A segment definition is one JSON object: {"version": 1, "match": {"all": [ … ]}}.',
  )
  .strict()
  .superRefine((d, ctx) => {
    const m = measure(d.match, 1);
    if (m.conditions > MAX_CONDITIONS)
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_CONDITIONS} conditions in one segment.` });
    if (m.depth > MAX_DEPTH)
      ctx.addIssue({ code: 'custom', message: `Groups nest at most ${MAX_DEPTH} deep; make it simpler.` });
  });
export type Definition = z.infer<typeof Definition>;

/** Every condition of a definition, depth first: for the fields it names and for labels. */
export function conditionsOf(node: Node): Condition[] {
  if ('all' in node) return node.all.flatMap(conditionsOf);
  if ('any' in node) return node.any.flatMap(conditionsOf);
  if ('not' in node) return conditionsOf(node.not);
  return [node];
}

/**
 * Bounds on a date of birth (YYYY-MM-DD strings) for an age band on a day: born on or before
 * `latest` and after `earliest`. Same rule as geography.ageOn (a birthday counts once its
 * month-day is reached), so the SQL and the record view agree on everyone's band.
 */
export function birthBounds(band: (typeof AGE_BANDS)[number], today: string): { after?: string; latest: string } {
  const year = Number(today.slice(0, 4));
  const monthDay = today.slice(4, 10);
  const at = (age: number): string => `${String(year - age).padStart(4, '0')}${monthDay}`;
  const [lo, hi]: [number, number | null] =
    band === 'Under 18' ? [0, 17] : band === '75+' ? [75, null] : (band.split('–').map(Number) as [number, number]);
  return hi === null ? { latest: at(lo) } : { latest: at(lo), after: at(hi + 1) };
}
