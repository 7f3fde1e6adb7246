// Segments on a real encrypted file: every kind of condition (RFM group and completeness by the
// register's must-haves too, each with the report's and the missing list's own rule), compiled to SQL by the core, agrees
// with a slow reference that reads every customer into JavaScript and applies the rule written
// out longhand (the record view's own helpers for postcode geography and age bands) — over
// thousands of random definitions with all/any/not on seeded random customers. Then the bad
// inputs: unknown fields and operators, dates in the wrong order, a 100,000-value list, a field
// removed from the register, roles.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { all } from '../../electron/core/db/sql';
import { CONSENT_CHANNELS, type ConsentChannel } from '../../shared/consent';
import { COMPLETENESS_FIELDS } from '../../shared/fields';
import { AGE_BANDS, ageBand, geographyOf, UK_REGIONS } from '../../shared/geography';
import { PERSON_ONLY_FIELDS } from '../../shared/profile-details';
import { RFM_GROUPS, type RfmBreaks, rfmEnd, rfmGroup } from '../../shared/rfm';
import {
  COMPLETENESS_STATES,
  CONSENT_STATES,
  type Condition,
  Definition,
  type Node,
  type Period,
} from '../../shared/segments';
import { type Owner, PASSPHRASE, signedIn } from '../support/core';
import { tempFile } from '../support/files';

const TODAY = '2026-06-15';
const NOW = new Date(`${TODAY}T12:00:00Z`);

/** mulberry32: the same customers and definitions every run, so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const some = <T>(xs: readonly T[], max = 3): T[] => [
    ...new Set(Array.from({ length: 1 + int(max) }, () => pick(xs))),
  ];
  return { next, int, pick, some, chance: (p: number) => next() < p };
}

const POSTCODES = [
  'BS1 4DJ',
  'BS8 1TH',
  'B1 1AA',
  'B33 8TH',
  'LS1 1AA',
  'SW1A 1AA',
  'EH1 1YZ',
  'CF10 1AA',
  'M1 1AE',
  'BT1 1AA',
  'GY1 1AA',
];
const TOWNS = ['Bristol', 'Birmingham', 'Leeds', 'London', 'Edinburgh', 'Cardiff'];
const ITEMS = [
  ['Jazz Night', 'Jazz'],
  ['Blues Evening', 'Jazz'],
  ['Panto', 'Theatre'],
  ['Comedy Club', 'Comedy'],
  ['Gift Card', 'Gifts'],
] as const;
const CHANNELS = ['online', 'counter', 'phone'];
const VENUES = ['Main Hall', 'Studio'];
const SOURCES = ['counter', 'import:Jazz list', 'event'];
const INTERESTS = ['Theatre', 'Music', 'Comedy', 'Dance', 'Film'];
const BIRTHS = [
  '2008-06-15', // 18 today
  '2008-06-16', // 18 tomorrow
  '1951-06-15', // 75 today
  '1951-06-16',
  '2001-06-14',
  '1992-02-29',
  '2026-06-16', // not born yet: no band
];
const DAYS = ['2022-01-01', '2023-03-15', '2024-06-15', '2025-01-01', '2025-06-30', '2025-12-31', '2026-06-15'];

let o: Owner;
/** The key the register gave the owner's own number field. */
let VISITS = '';
const r = random(20261206);

type Data = {
  customers: {
    id: number;
    kind: string;
    dob: string;
    source: string;
    created_at: string;
    verified_at: string;
    last_activity_at: string;
    archived: number;
  }[];
  addresses: {
    customer_id: number;
    line1: string;
    town: string;
    postcode: string;
    country: string;
    valid_from: string;
    valid_to: string;
  }[];
  purchases: {
    customer_id: number;
    date: string;
    item: string;
    category: string;
    amount_pence: number;
    channel: string;
    venue: string;
  }[];
  values: { customer_id: number; field_key: string; value: string }[];
  consent: {
    id: number;
    customer_id: number;
    channel: string;
    purpose: string;
    action: string;
    basis: string;
    soft_sale: number | null;
    soft_similar: number | null;
    soft_opt_out: number | null;
  }[];
  dnc: { customer_id: number }[];
  emails: { customer_id: number; address: string }[];
  phones: { customer_id: number; e164: string; label: string }[];
  /** The register's must-haves: a field defined in the register, or a built-in column's filled records. */
  mustHave: { key: string; defined: boolean; filled: number[] }[];
};
let data: Data;

beforeAll(async () => {
  const file = tempFile();
  const core = createCore(file, { now: () => NOW });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  o = signedIn(core, created.value.token, file);
  VISITS = (
    await o.ok('register.add', {
      label: 'Visits per year',
      kind: 'number',
      category: 'buying_pattern',
      lawful_basis: 'legitimate_interests',
    })
  ).entry.key;

  for (let i = 0; i < 260; i++) {
    const organisation = r.chance(0.12);
    const addresses = Array.from({ length: r.int(3) }, () =>
      r.chance(0.08)
        ? { line1: '3 Rue Neuve', town: 'Paris', postcode: '75001', country: 'FR' }
        : {
            line1: r.chance(0.9) ? `${i} High Street` : '',
            town: r.chance(0.8) ? r.pick(TOWNS) : '',
            postcode: r.pick(POSTCODES),
          },
    );
    const c = await o.ok('customers.create', {
      ...(organisation
        ? { kind: 'organisation', organisation_name: `Org ${i}` }
        : { given_name: `Given${i}`, family_name: `Family${i}` }),
      emails: r.chance(0.7) ? [{ address: `p${i}@example.com` }] : [],
      phones: r.chance(0.6)
        ? [
            {
              number: r.chance(0.6)
                ? `07700 900${String(i).padStart(3, '0')}`
                : `0113 496 0${String(i).padStart(3, '0')}`,
            },
          ]
        : [],
      addresses,
      date_of_birth:
        organisation || r.chance(0.2)
          ? ''
          : r.chance(0.2)
            ? r.pick(BIRTHS.slice(0, -1))
            : `${1930 + r.int(85)}-0${1 + r.int(9)}-1${r.int(9)}`,
      fields: {
        ...(r.chance(0.5) ? { interests: r.some(INTERESTS) } : {}),
        ...(r.chance(0.4) ? { [VISITS]: r.int(20) } : {}),
      },
      ...(r.chance(0.5) ? { consent: { channels: r.some(CONSENT_CHANNELS, 4), wording_version: 1 } } : {}),
    });
    for (let k = r.int(6); k > 0; k--) {
      const [item, category] = r.pick(ITEMS);
      await o.ok('purchases.add', {
        customer_id: c.id,
        date: r.pick(DAYS),
        item,
        category,
        quantity: 1,
        amount_pence: r.chance(0.1) ? -500 : 500 + r.int(5000),
        channel: r.pick(CHANNELS),
        venue: r.pick(VENUES),
      });
    }
    for (let k = r.int(3); k > 0; k--) {
      const channel = r.pick(CONSENT_CHANNELS);
      const given = r.chance(0.6);
      const soft = given && (channel === 'email' || channel === 'sms') && r.chance(0.3);
      await o.ok('consent.record', {
        customer_id: c.id,
        channel,
        action: given ? 'given' : 'withdrawn',
        ...(soft
          ? {
              basis: 'soft_opt_in',
              soft_opt_in: { sale_or_negotiation: true, similar_products: true, opt_out_offered: true },
            }
          : {}),
      });
    }
    if (r.chance(0.05)) await o.ok('consent.setDoNotContact', { customer_id: c.id, on: true, reason: 'Asked' });
    if (r.chance(0.05)) await o.ok('customers.setArchived', { id: c.id, archived: true });
  }
  // More must-haves than the family name alone, so completeness separates people (made must-haves
  // after the records, as a register changes under a file already filled).
  await o.ok('register.update', { key: 'interests', priority: 'must_have' });
  await o.ok('register.update', { key: 'date_of_birth', priority: 'must_have' });
  // Relationship dates and sources vary more than one afternoon's seeding can make them.
  const done = await o.core.local(o.token, ['owner'], (ctx) => {
    const rows = all<{ id: number }>(ctx.db, { text: 'SELECT id FROM customers', params: [] });
    const update = ctx.db.prepare(
      'UPDATE customers SET source = ?, created_at = ?, verified_at = ?, last_activity_at = ? WHERE id = ?',
    );
    for (const { id } of rows)
      update.run(
        r.pick(SOURCES),
        `${r.pick(DAYS)}T09:00:00Z`,
        r.chance(0.3) ? '' : `${r.pick(DAYS)}T10:00:00Z`,
        `${r.pick(DAYS)}T11:00:00Z`,
        id,
      );
    const read = <T>(text: string) => all<T>(ctx.db, { text, params: [] });
    return {
      customers: read(
        'SELECT id, kind, date_of_birth AS dob, source, created_at, verified_at, last_activity_at, archived FROM customers',
      ),
      addresses: read(
        'SELECT customer_id, line1, town, postcode, country, valid_from, valid_to FROM customer_addresses',
      ),
      purchases: read('SELECT customer_id, date, item, category, amount_pence, channel, venue FROM purchases'),
      values: read('SELECT customer_id, field_key, value FROM customer_values'),
      consent: read(
        'SELECT id, customer_id, channel, purpose, action, basis, soft_sale, soft_similar, soft_opt_out FROM consent_events',
      ),
      dnc: read('SELECT customer_id FROM customer_do_not_contact'),
      emails: read('SELECT customer_id, address FROM customer_emails'),
      phones: read('SELECT customer_id, e164, label FROM customer_phones'),
      mustHave: read<{ key: string; kind: string | null }>(
        "SELECT key, kind FROM register_fields WHERE priority = 'must_have'",
      ).map(({ key, kind }) => {
        const column = COMPLETENESS_FIELDS.find((f) => f.key === key)?.column;
        const filled =
          kind === null && column
            ? read<{ id: number; v: string | null }>(`SELECT id, ${column} AS v FROM customers`)
                .filter((row) => (row.v ?? '') !== '')
                .map((row) => row.id)
            : [];
        return { key, defined: kind !== null, filled };
      }),
    } as Data;
  });
  if (!done.ok) throw new Error(done.error.message);
  data = done.value;
}, 120_000);

// ---- the reference: the rules written out longhand over plain objects ----

const inPeriod = (day: string, p: Period) => {
  const d = day.slice(0, 10);
  return (!p.from || d >= p.from) && (!p.to || d <= p.to);
};

function consentReason(id: number, channel: ConsentChannel): string | null {
  if (data.dnc.some((d) => d.customer_id === id)) return 'do_not_contact';
  const latest = data.consent
    .filter((e) => e.customer_id === id && e.channel === channel && e.purpose === 'marketing')
    .sort((a, b) => b.id - a.id)[0];
  if (!latest) return 'no_consent';
  if (latest.action !== 'given') return 'withdrawn';
  if (latest.basis === 'consent') return null;
  const soft =
    (channel === 'email' || channel === 'sms') &&
    latest.soft_sale === 1 &&
    latest.soft_similar === 1 &&
    latest.soft_opt_out === 1;
  return soft ? null : 'no_consent';
}

function hasAddress(id: number, channel: ConsentChannel): boolean {
  switch (channel) {
    case 'email':
      return data.emails.some((e) => e.customer_id === id && /.@./.test(e.address));
    case 'sms':
      return data.phones.some(
        (p) =>
          p.customer_id === id &&
          ((p.e164.startsWith('+447') && !p.e164.startsWith('+4470') && !p.e164.startsWith('+4476')) ||
            p.e164.startsWith('+447624') ||
            (!p.e164.startsWith('+44') && /mobile/i.test(p.label))),
      );
    case 'phone':
      return data.phones.some((p) => p.customer_id === id && p.e164 !== '');
    case 'post':
      return data.addresses.some(
        (a) =>
          a.customer_id === id &&
          a.line1 !== '' &&
          (a.postcode !== '' || a.town !== '') &&
          (a.valid_from === '' || a.valid_from <= TODAY) &&
          (a.valid_to === '' || a.valid_to >= TODAY),
      );
  }
}

function purchasesOf(id: number) {
  return data.purchases.filter((p) => p.customer_id === id);
}

const julian = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/** Every live buyer's R and F in the period, by quintile (cumulative share, ties together) or breaks. */
const rfmMemo = new Map<string, Map<number, [number, number]>>();
function rfmOf(period: Period, basis: 'purchases' | 'bookings', breaks?: RfmBreaks): Map<number, [number, number]> {
  const key = JSON.stringify([period, basis, breaks]);
  const known = rfmMemo.get(key);
  if (known) return known;
  const end = rfmEnd(period, TODAY);
  const buyers = data.customers
    .filter((c) => c.archived === 0)
    .map((c) => {
      const ps = purchasesOf(c.id).filter(
        (p) => p.amount_pence >= 0 && inPeriod(p.date, period) && (basis === 'purchases' || p.venue !== ''),
      );
      const last = ps
        .map((p) => p.date)
        .sort()
        .at(-1);
      return { id: c.id, n: ps.length, days: last === undefined ? 0 : julian(end) - julian(last) };
    })
    .filter((b) => b.n > 0);
  const quintile = (share: number) => Math.floor(share * 5 - 0.000001) + 1;
  const scores = new Map<number, [number, number]>();
  for (const b of buyers) {
    const r = breaks
      ? 5 - breaks.recency_days.filter((x) => b.days > x).length
      : quintile(buyers.filter((o) => o.days >= b.days).length / buyers.length);
    const f = breaks
      ? 1 + breaks.frequency.filter((x) => b.n > x).length
      : quintile(buyers.filter((o) => o.n <= b.n).length / buyers.length);
    scores.set(b.id, [r, f]);
  }
  rfmMemo.set(key, scores);
  return scores;
}

/** How many of the register's must-haves the record lacks (a person's name is not asked of an organisation). */
function missingMustHaves(c: Data['customers'][number]): number {
  return data.mustHave.filter((m) =>
    m.defined
      ? !data.values.some((v) => v.customer_id === c.id && v.field_key === m.key)
      : !m.filled.includes(c.id) && (c.kind === 'person' || !PERSON_ONLY_FIELDS.includes(m.key)),
  ).length;
}

function holds(c: Data['customers'][number], cond: Condition): boolean {
  const geo = () =>
    data.addresses
      .filter((a) => a.customer_id === c.id)
      .map((a) => geographyOf(a.postcode, a.country))
      .filter((g) => g !== null);
  switch (cond.kind) {
    case 'postcode': {
      const want = cond.values.map((v) => v.toUpperCase().replace(/\s+/g, cond.level === 'sector' ? ' ' : ''));
      return data.addresses.some((a) => {
        if (a.customer_id !== c.id || !geographyOf(a.postcode, a.country)) return false;
        const g = geographyOf(a.postcode, a.country);
        const part =
          cond.level === 'area'
            ? g?.area
            : cond.level === 'district'
              ? g?.outward
              : a.postcode.slice(0, a.postcode.indexOf(' ') + 2);
        return want.includes(part ?? '');
      });
    }
    case 'region':
      return geo().some((g) => g.region !== null && (cond.values as string[]).includes(g.region));
    case 'town':
      return data.addresses.some(
        (a) => a.customer_id === c.id && cond.values.some((t) => t.toLowerCase() === a.town.trim().toLowerCase()),
      );
    case 'age_band': {
      const band = ageBand(c.dob, TODAY);
      return band !== null && (cond.values as string[]).includes(band);
    }
    case 'customer_kind':
      return c.kind === cond.value;
    case 'field': {
      const stored = data.values.find((v) => v.customer_id === c.id && v.field_key === cond.key)?.value;
      const wanted = cond.values.map((v) => v.toLowerCase());
      const held =
        stored === undefined
          ? []
          : cond.key === 'interests'
            ? (JSON.parse(stored) as string[]).map((s) => s.toLowerCase())
            : [stored.toLowerCase()];
      switch (cond.op) {
        case 'is_set':
          return stored !== undefined;
        case 'not_set':
          return stored === undefined;
        case 'any_of':
          return held.some((h) => wanted.includes(h));
        case 'all_of':
          return wanted.every((w) => held.includes(w));
        case 'at_least':
          return stored !== undefined && Number(stored) >= Number(cond.values[0]);
        case 'at_most':
          return stored !== undefined && Number(stored) <= Number(cond.values[0]);
      }
      return false;
    }
    case 'bought': {
      const n = purchasesOf(c.id).filter(
        (p) =>
          p.amount_pence >= 0 &&
          (!cond.item || p.item.toLowerCase() === cond.item.toLowerCase()) &&
          (!cond.category || p.category.toLowerCase() === cond.category.toLowerCase()) &&
          inPeriod(p.date, cond.period),
      ).length;
      return n >= cond.min_times;
    }
    case 'purchases': {
      const ps = purchasesOf(c.id).filter((p) => inPeriod(p.date, cond.period));
      const value =
        cond.measure === 'count'
          ? ps.filter((p) => p.amount_pence >= 0).length
          : ps.reduce((s, p) => s + p.amount_pence, 0);
      return (
        (cond.range.min === undefined || value >= cond.range.min) &&
        (cond.range.max === undefined || value <= cond.range.max)
      );
    }
    case 'purchase_date': {
      const dates = purchasesOf(c.id)
        .filter((p) => p.amount_pence >= 0)
        .map((p) => p.date)
        .sort();
      if (dates.length === 0) return false;
      return inPeriod((cond.which === 'first' ? dates[0] : dates.at(-1)) as string, cond.period);
    }
    case 'bought_via':
      return purchasesOf(c.id).some(
        (p) =>
          p.amount_pence >= 0 &&
          inPeriod(p.date, cond.period) &&
          cond.values.some(
            (v) => v.toLowerCase() === (cond.by === 'channel' ? p.channel : p.venue).trim().toLowerCase(),
          ),
      );
    case 'rfm_group': {
      const score = rfmOf(cond.period, cond.basis, cond.breaks).get(c.id);
      return score !== undefined && (cond.groups as string[]).includes(rfmGroup(score[0], score[1]));
    }
    case 'completeness': {
      const missing = missingMustHaves(c);
      const all = data.mustHave.length;
      if (cond.state === 'complete') return missing === 0;
      if (cond.state === 'missing') return missing > 0;
      return all === 0 || ((all - missing) * 100) / all >= cond.percent;
    }
    case 'source':
      return cond.values.includes(c.source);
    case 'record_date': {
      const value =
        { created: c.created_at, last_verified: c.verified_at, last_activity: c.last_activity_at }[cond.which] ?? '';
      return value !== '' && inPeriod(value, cond.period);
    }
    case 'consent': {
      const reason = consentReason(c.id, cond.channel);
      switch (cond.state) {
        case 'may_contact':
          return reason === null && c.archived === 0 && hasAddress(c.id, cond.channel);
        case 'consented':
          return reason === null;
        case 'withdrawn':
          return reason === 'withdrawn';
        case 'never_given':
          return reason === 'no_consent';
        case 'do_not_contact':
          return reason === 'do_not_contact';
      }
    }
  }
}

function matches(c: Data['customers'][number], node: Node): boolean {
  if ('all' in node) return node.all.every((n) => matches(c, n));
  if ('any' in node) return node.any.some((n) => matches(c, n));
  if ('not' in node) return !matches(c, node.not);
  return holds(c, node);
}

const reference = (d: Definition) =>
  data.customers
    .filter((c) => c.archived === 0 && matches(c, d.match))
    .map((c) => c.id)
    .sort((a, b) => a - b);

// ---- random definitions over the seeded vocabulary ----

function period(): Period {
  const a = r.pick(DAYS);
  const b = r.pick(DAYS);
  const [from, to] = a <= b ? [a, b] : [b, a];
  return { ...(r.chance(0.8) ? { from } : {}), ...(r.chance(0.8) ? { to } : {}) };
}

function condition(): Condition {
  switch (r.int(15)) {
    case 0:
      return { kind: 'postcode', level: 'area', values: r.some(['BS', 'B', 'LS', 'SW', 'EH', 'GY', 'bs']) };
    case 1:
      return {
        kind: 'postcode',
        level: r.pick(['district', 'sector'] as const),
        values: r.some(['BS1', 'BS8', 'B1', 'B33', 'SW1A', 'BS1 4', 'b33 8', 'CF10 1']),
      };
    case 2:
      return { kind: 'region', values: r.some(UK_REGIONS) };
    case 3:
      return { kind: 'town', values: r.some([...TOWNS, 'bristol', 'Paris']) };
    case 4:
      return { kind: 'age_band', values: r.some(AGE_BANDS) };
    case 5:
      return { kind: 'customer_kind', value: r.pick(['person', 'organisation'] as const) };
    case 6:
      return r.chance(0.6)
        ? {
            kind: 'field',
            key: 'interests',
            op: r.pick(['any_of', 'all_of', 'is_set', 'not_set'] as const),
            values: r.some(INTERESTS, 2),
          }
        : {
            kind: 'field',
            key: VISITS,
            op: r.pick(['at_least', 'at_most'] as const),
            values: [String(r.int(20))],
          };
    case 7: {
      const [item, category] = r.pick(ITEMS);
      return {
        kind: 'bought',
        ...(r.chance(0.5) ? { item } : { category }),
        period: period(),
        min_times: 1 + r.int(3),
      };
    }
    case 8:
      return r.chance(0.5)
        ? {
            kind: 'purchases',
            measure: 'count',
            range: { min: r.int(4), ...(r.chance(0.5) ? { max: 3 + r.int(3) } : {}) },
            period: period(),
          }
        : { kind: 'purchases', measure: 'spend_pence', range: { min: r.int(8000) }, period: period() };
    case 9:
      return { kind: 'purchase_date', which: r.pick(['first', 'last'] as const), period: period() };
    case 10:
      return {
        kind: 'bought_via',
        by: r.pick(['channel', 'venue'] as const),
        values: r.some([...CHANNELS, ...VENUES]),
        period: period(),
      };
    case 11:
      return r.chance(0.5)
        ? { kind: 'source', values: r.some(SOURCES) }
        : {
            kind: 'record_date',
            which: r.pick(['created', 'last_verified', 'last_activity'] as const),
            period: period(),
          };
    case 12:
      return { kind: 'consent', channel: r.pick(CONSENT_CHANNELS), state: r.pick(CONSENT_STATES) };
    case 13:
      return {
        kind: 'rfm_group',
        groups: r.some(RFM_GROUPS, 2),
        period: r.chance(0.3) ? {} : period(),
        basis: r.pick(['purchases', 'bookings'] as const),
        ...(r.chance(0.3) ? { breaks: { recency_days: [30, 180, 365, 900], frequency: [1, 2, 3, 4] } } : {}),
      };
    default:
      return { kind: 'completeness', state: r.pick(COMPLETENESS_STATES), percent: r.pick([0, 34, 50, 67, 100]) };
  }
}

function node(depth: number): Node {
  if (depth >= 3 || r.chance(0.55)) return condition();
  const roll = r.int(3);
  if (roll === 2) return { not: node(depth + 1) };
  const parts = Array.from({ length: 1 + r.int(3) }, () => node(depth + 1));
  return roll === 0 ? { all: parts } : { any: parts };
}

async function ids(definition: Definition): Promise<number[]> {
  const counted = await o.ok('segments.count', { definition, preview: 50 });
  return counted.preview.map((p) => p.id);
}

describe('segments compiled to SQL agree with the reference', () => {
  it('on each kind of condition alone, and its negation', async () => {
    for (let i = 0; i < 400; i++) {
      const cond = condition();
      for (const definition of [
        Definition.parse({ version: 1, match: { all: [cond] } }),
        Definition.parse({ version: 1, match: { all: [{ not: cond }] } }),
      ]) {
        const counted = await o.ok('segments.count', { definition });
        expect(counted.count, JSON.stringify(definition)).toBe(reference(definition).length);
      }
    }
  }, 120_000);

  it('on thousands of random all/any/not definitions, by count and by who is in them', async () => {
    let nonTrivial = 0;
    for (let i = 0; i < 1500; i++) {
      const definition = Definition.parse({
        version: 1,
        match: r.chance(0.5) ? { all: [node(1), node(1)] } : { any: [node(1)] },
      });
      const want = reference(definition);
      const counted = await o.ok('segments.count', { definition });
      expect(counted.count, JSON.stringify(definition)).toBe(want.length);
      if (want.length > 0 && want.length < data.customers.length) nonTrivial++;
    }
    // The generator must produce definitions that separate people, or the check proves little.
    expect(nonTrivial).toBeGreaterThan(600);
  }, 300_000);

  it('shows who is in a segment (audited), ordered by name', async () => {
    const definition = Definition.parse({
      version: 1,
      match: { all: [{ kind: 'postcode', level: 'area', values: ['BS'] }] },
    });
    const shown = await o.ok('segments.count', { definition, preview: 5 });
    expect(shown.preview.length).toBe(Math.min(5, reference(definition).length));
    for (const p of shown.preview) expect(reference(definition)).toContain(p.id);
    const [entry] = await o.ok('audit.list', { limit: 1 });
    expect(entry?.action).toBe('segment.preview');
    expect(await ids(definition)).toEqual(expect.arrayContaining(shown.preview.map((p) => p.id)));
  });
});

describe('bad definitions get clear messages', () => {
  const def = (match: unknown) => ({ version: 1, match }) as never;

  it('refuses unknown kinds, operators and fields, and dates in the wrong order', async () => {
    const unknownKind = await o.fail('segments.count', {
      definition: def({ all: [{ kind: 'star_sign', values: ['Leo'] }] }),
    });
    expect(unknownKind.code).toBe('INVALID_INPUT');
    const unknownOp = await o.fail('segments.count', {
      definition: def({ all: [{ kind: 'field', key: 'interests', op: 'sounds_like', values: ['x'] }] }),
    });
    expect(unknownOp.code).toBe('INVALID_INPUT');
    const backwards = await o.fail('segments.count', {
      definition: def({
        all: [{ kind: 'bought', category: 'Jazz', period: { from: '2025-12-31', to: '2025-01-01' } }],
      }),
    });
    expect(JSON.stringify(backwards.fields)).toContain('ends before it starts');
    const notADay = await o.fail('segments.count', {
      definition: def({ all: [{ kind: 'record_date', which: 'created', period: { from: '2025-02-30' } }] }),
    });
    expect(JSON.stringify(notADay.fields)).toContain('real date');
    const noGroup = await o.fail('segments.count', {
      definition: def({ all: [{ kind: 'rfm_group', groups: [] }] }),
    });
    expect(JSON.stringify(noGroup.fields)).toContain('Choose a group');
    const overFull = await o.fail('segments.count', {
      definition: def({ all: [{ kind: 'completeness', state: 'at_least', percent: 120 }] }),
    });
    expect(overFull.code).toBe('INVALID_INPUT');
    const gone = await o.fail('segments.count', {
      definition: def({ all: [{ kind: 'field', key: 'star_sign', op: 'is_set' }] }),
    });
    expect(gone.code).toBe('CONFLICT');
    expect(gone.message).toContain('not run without that condition');
    const textAsNumber = await o.fail('segments.count', {
      definition: def({ all: [{ kind: 'field', key: 'interests', op: 'at_least', values: ['3'] }] }),
    });
    expect(textAsNumber.message).toContain('not a number or a date');
  });

  it('takes a 100,000-value list as one parameter, and refuses one more', async () => {
    const refs = Array.from({ length: 100_000 }, (_, i) => `import:list ${i}`);
    const counted = await o.ok('segments.count', {
      definition: def({ all: [{ kind: 'source', values: [...refs, 'event'].slice(1) }] }),
    });
    expect(counted.count).toBe(
      reference(Definition.parse(def({ all: [{ kind: 'source', values: ['event'] }] }))).length,
    );
    const tooMany = await o.fail('segments.count', {
      definition: def({ all: [{ kind: 'source', values: [...refs, 'event'] }] }),
    });
    expect(JSON.stringify(tooMany.fields)).toContain('100,000');
  });

  it('an empty group says so; an empty top level counts everyone live', async () => {
    const empty = await o.fail('segments.count', { definition: def({ all: [{ any: [] }] }) });
    expect(JSON.stringify(empty.fields)).toContain('at least one condition');
    const everyone = await o.ok('segments.count', { definition: def({ all: [] }) });
    expect(everyone.count).toBe(data.customers.filter((c) => c.archived === 0).length);
  });

  it('a saved segment naming a field later removed is flagged and refused, never widened', async () => {
    const {
      entry: { key },
    } = await o.ok('register.add', {
      label: 'Jazz club',
      kind: 'yes_no',
      category: 'psychographic',
      lawful_basis: 'consent',
    });
    const saved = await o.ok('segments.save', {
      name: 'Jazz club members',
      purpose: 'Invite members to the autumn season.',
      definition: def({ all: [{ kind: 'field', key, op: 'is_set' }] }),
    });
    expect(saved.review).toEqual([]);
    const again = await o.fail('segments.save', {
      name: 'JAZZ CLUB MEMBERS',
      purpose: 'x',
      definition: def({ all: [] }),
    });
    expect(again.code).toBe('ALREADY_EXISTS');
    await o.ok('register.remove', { key });
    const [listed] = (await o.ok('segments.list', {})).filter((s) => s.id === saved.id);
    expect(listed?.review.join(' ')).toContain(`${key} is no longer in the register`);
    const refused = await o.fail('segments.count', { definition: saved.definition });
    expect(refused.code).toBe('CONFLICT');
    expect((await o.ok('segments.remove', { id: saved.id })).message).toContain('Jazz club members');
  });

  it('only owners and managers use segments', async () => {
    const sam = await o.ok('staff.create', { name: 'Sam Staff', role: 'staff', password: 'a long staff password 1' });
    const signIn = await o.core.call(null, 'session.signIn', { user_id: sam.id, secret: 'a long staff password 1' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const staff = signedIn(o.core, signIn.value.token, o.file);
    const refused = await staff.fail('segments.count', { definition: def({ all: [] }) });
    expect(refused.code).toBe('FORBIDDEN');
  });
});
