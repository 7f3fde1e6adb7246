// A segment definition (shared/segments.ts) compiled to one WHERE fragment over `customers c`,
// every value bound: lists travel as one JSON parameter read by json_each (so a pasted list of
// 100,000 customer numbers is one parameter, not 100,000), dates as ISO strings compared as text.
// A condition over the customer's other rows (addresses, choices, purchases) is `c.id IN (the
// set of customers it holds for)`, read from an index or a kept table where there is one
// (migrations 0016, 0019-0023): addresses by postcode area, district and town; each choice of a
// list; purchases by item, category, channel and venue; each customer's first and last purchase,
// count and spend; what each consent history says now. In an AND group led by such a condition,
// the purchase conditions are checked per candidate instead (EXISTS over that customer's own
// purchases), so a narrow group never gathers every online buyer first (at 1,000,000 customers
// and 5,000,000 purchases, see `npm run bench -- insight`). A condition is still true or false
// per customer, so NOT is plain negation (NOT IN; no set holds a NULL). PostgreSQL ports:
// json_each → json_array_elements_text, and the same expression indexes.

import { CoreError } from '../../../shared/contract/result';
import { AREA_REGIONS, type UkRegion } from '../../../shared/geography';
import { rfmCells, rfmEnd } from '../../../shared/rfm';
import { UK_COUNTRIES } from '../../../shared/rules/postcode';
import { birthBounds, type Condition, type Node, type Period } from '../../../shared/segments';
import { consentReasonSql, contactableSql, doNotContactSql, withdrawnSet } from '../consent/contactable.queries';
import type { DB } from '../db/open';
import { all, get, type Query, run, sql } from '../db/sql';
import { rfmScores } from '../reports/reports.queries';

/** What the compiler needs to know about a register field a condition names. */
export type FieldInfo = { key: string; kind: string | null; label: string };

const list = (values: readonly string[]): string => JSON.stringify(values);
const inList = (expr: Query, values: readonly string[]): Query =>
  sql`${expr} IN (SELECT value FROM json_each(${list(values)}))`;

const raw = (text: string): Query => ({ text, params: [] });

/** An address `a` that is a UK postcode (normalised "BS1 4DJ"). */
const UK_ADDRESS = sql`a.postcode LIKE '% ___' AND a.country IN (SELECT value FROM json_each(${list([...UK_COUNTRIES].map((c) => c.toUpperCase()))}))`;

/** The customers for whom `where` holds on at least one of their rows of `table`, as a test on `c`. */
const someRow = (table: 'customer_addresses a' | 'customer_values v' | 'purchases p', where: Query): Query =>
  sql`c.id IN (SELECT ${raw(table.slice(-1))}.customer_id FROM ${raw(table)} WHERE ${where})`;

function postcodePart(level: 'area' | 'district' | 'sector'): Query {
  switch (level) {
    // The letters before the first digit: 'BS1 4DJ' → 'BS', 'B1 1AA' → 'B'.
    case 'area':
      return raw(`rtrim(substr(a.postcode, 1, 2), '0123456789')`);
    case 'district':
      return raw(`substr(a.postcode, 1, instr(a.postcode, ' ') - 1)`);
    case 'sector':
      return raw(`substr(a.postcode, 1, instr(a.postcode, ' ') + 1)`);
  }
}

/**
 * A period on a timestamp or day column, both ends included. Purchase days are stored as
 * YYYY-MM-DD and compared whole, so an index on the day answers it; timestamps compare on their
 * first ten characters. An open end adds no test at all.
 */
function inPeriod(column: string, period: Period): Query {
  const col = raw(column === 'p.date' ? column : `substr(${column}, 1, 10)`);
  const from = period.from === undefined ? raw('1') : sql`${col} >= ${period.from}`;
  const to = period.to === undefined ? raw('1') : sql`${col} <= ${period.to}`;
  return sql`${from} AND ${to}`;
}

/**
 * Purchases `p` (not refunds) of an item or category in a period. SQLite's lower() folds ASCII
 * only, so `= … COLLATE NOCASE` is the same test, and the one an index on the item or category
 * (migration 0016) can answer.
 */
function purchaseMatch(cond: { item?: string; category?: string; period: Period }, probe = false): Query {
  // Checked per candidate (probe), the same test written so that the planner reads the
  // customer's own purchases (purchases_customer) rather than every sale of the item.
  const same = (column: string, value: string) =>
    probe ? sql`lower(${raw(column)}) = lower(${value})` : sql`${raw(column)} = ${value} COLLATE NOCASE`;
  const item = cond.item === undefined ? raw('1') : same('p.item', cond.item);
  const category = cond.category === undefined ? raw('1') : same('p.category', cond.category);
  return sql`p.amount_pence >= 0 AND ${item} AND ${category} AND ${inPeriod('p.date', cond.period)}`;
}

function fieldSql(cond: Extract<Condition, { kind: 'field' }>, field: FieldInfo): Query {
  const base = sql`v.field_key = ${field.key}`;
  const multiple = field.kind === 'multiple_choice';
  const lowered = cond.values.map((v) => v.toLowerCase());
  switch (cond.op) {
    case 'is_set':
      return someRow('customer_values v', base);
    case 'not_set':
      return sql`NOT ${someRow('customer_values v', base)}`;
    // A multiple-choice list's values are kept one to a row, lower-cased (customer_choices, 0020).
    case 'any_of':
      return multiple
        ? sql`c.id IN (SELECT k.customer_id FROM customer_choices k WHERE k.field_key = ${field.key}
              AND ${inList(raw('k.value'), lowered)})`
        : someRow('customer_values v', sql`${base} AND ${inList(raw('lower(v.value)'), lowered)}`);
    case 'all_of':
      return multiple
        ? sql`c.id IN (SELECT k.customer_id FROM customer_choices k WHERE k.field_key = ${field.key}
              AND ${inList(raw('k.value'), lowered)}
              GROUP BY k.customer_id HAVING count(*) = ${new Set(lowered).size})`
        : sql`${someRow('customer_values v', sql`${base} AND lower(v.value) = ${lowered[0] ?? ''}`)}
              AND ${new Set(lowered).size} <= 1`;
    case 'at_least':
    case 'at_most': {
      // Checked by the service: one value, a number for a number field, a day for a date field.
      const cmp = raw(cond.op === 'at_least' ? '>=' : '<=');
      const value =
        field.kind === 'date'
          ? sql`v.value ${cmp} ${cond.values[0] ?? ''}`
          : sql`CAST(v.value AS REAL) ${cmp} ${Number(cond.values[0])}`;
      return someRow('customer_values v', sql`${base} AND ${value}`);
    }
  }
}

/**
 * Completeness by the register's must-haves, with the missing list's own tests (over the table
 * `customers` unaliased, as they are written). The share held is of all the must-haves; a
 * person's name fields are not asked of an organisation, so they count as held there. With no
 * must-haves every record is complete.
 */
function completenessSql(cond: Extract<Condition, { kind: 'completeness' }>, tests: readonly Query[]): Query {
  if (tests.length === 0) return raw(cond.state === 'missing' ? '0' : '1');
  const missing = tests
    .map((t) => sql`(CASE WHEN ${t} THEN 1 ELSE 0 END)`)
    .reduce((acc, part) => sql`${acc} + ${part}`);
  const which =
    cond.state === 'at_least'
      ? sql`(${tests.length} - (${missing})) * 100 >= ${cond.percent} * ${tests.length}`
      : sql`(${missing}) ${raw(cond.state === 'complete' ? '=' : '>')} 0`;
  return sql`c.id IN (SELECT customers.id FROM customers WHERE ${which})`;
}

/**
 * "Between min and max purchases (or pence spent) in the period". Someone with no purchases
 * there counts 0, so when 0 is in the range the test is "not among those whose figure is
 * outside it", else "among those whose figure is inside it": either way one grouped pass.
 */
function purchaseMeasureSql(cond: Extract<Condition, { kind: 'purchases' }>): Query {
  const min = cond.range.min ?? null;
  const max = cond.range.max ?? null;
  const measure = raw(cond.measure === 'count' ? 'count(*)' : 'sum(p.amount_pence)');
  const rows = cond.measure === 'count' ? sql`p.amount_pence >= 0 AND` : raw('');
  const inside = sql`(${min} IS NULL OR ${measure} >= ${min}) AND (${max} IS NULL OR ${measure} <= ${max})`;
  const zeroInside = (min === null || min <= 0) && (max === null || max >= 0);
  if (cond.period.from === undefined && cond.period.to === undefined) {
    // Ever: each customer's count and spend are kept (customer_purchase_facts, migration 0019).
    const figure = raw(cond.measure === 'count' ? 'f.purchases' : 'f.spend_pence');
    const within = sql`(${min} IS NULL OR ${figure} >= ${min}) AND (${max} IS NULL OR ${figure} <= ${max})`;
    return zeroInside
      ? sql`c.id NOT IN (SELECT f.customer_id FROM customer_purchase_facts f WHERE NOT (${within}))`
      : sql`c.id IN (SELECT f.customer_id FROM customer_purchase_facts f WHERE ${within})`;
  }
  const grouped = (having: Query) =>
    sql`c.id IN (SELECT p.customer_id FROM purchases p WHERE ${rows} ${inPeriod('p.date', cond.period)}
          GROUP BY p.customer_id HAVING ${having})`;
  return zeroInside ? sql`NOT ${grouped(sql`NOT (${inside})`)}` : grouped(inside);
}

function conditionSql(cond: Condition, ctx: CompileContext): Query {
  switch (cond.kind) {
    case 'postcode': {
      const values = cond.values.map((v) => v.toUpperCase().replace(/\s+/g, cond.level === 'sector' ? ' ' : ''));
      return someRow('customer_addresses a', sql`${UK_ADDRESS} AND ${inList(postcodePart(cond.level), values)}`);
    }
    case 'region': {
      const regions = new Set<UkRegion>(cond.values);
      const areas = Object.entries(AREA_REGIONS)
        .filter(([, region]) => regions.has(region))
        .map(([area]) => area);
      return someRow('customer_addresses a', sql`${UK_ADDRESS} AND ${inList(postcodePart('area'), areas)}`);
    }
    case 'town':
      return someRow(
        'customer_addresses a',
        inList(
          raw('lower(trim(a.town))'),
          cond.values.map((t) => t.toLowerCase()),
        ),
      );
    case 'age_band': {
      const bands = cond.values.map((band) => {
        const b = birthBounds(band, ctx.today);
        return sql`(c.date_of_birth <= ${b.latest} AND (${b.after ?? null} IS NULL OR c.date_of_birth > ${b.after ?? null}))`;
      });
      return sql`(length(c.date_of_birth) = 10 AND (${joinOr(bands)}))`;
    }
    case 'customer_kind':
      return sql`c.kind = ${cond.value}`;
    case 'field': {
      const field = ctx.fields.get(cond.key);
      // The service refuses a definition naming a field that is gone before it compiles.
      if (!field) throw new Error(`field ${cond.key} not resolved`);
      return fieldSql(cond, field);
    }
    case 'bought':
      if (ctx.probe)
        return cond.min_times <= 1
          ? sql`EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = c.id AND ${purchaseMatch(cond, true)})`
          : sql`(SELECT count(*) FROM purchases p WHERE p.customer_id = c.id AND ${purchaseMatch(cond, true)}) >= ${cond.min_times}`;
      return cond.min_times <= 1
        ? someRow('purchases p', purchaseMatch(cond))
        : sql`c.id IN (SELECT p.customer_id FROM purchases p WHERE ${purchaseMatch(cond)}
              GROUP BY p.customer_id HAVING count(*) >= ${cond.min_times})`;
    case 'purchases':
      return purchaseMeasureSql(cond);
    case 'purchase_date': {
      // Each customer's first and last purchase day are kept, indexed (migration 0019).
      const date = raw(cond.which === 'first' ? 'f.first_date' : 'f.last_date');
      const from = cond.period.from === undefined ? raw('1') : sql`${date} >= ${cond.period.from}`;
      const to = cond.period.to === undefined ? raw('1') : sql`${date} <= ${cond.period.to}`;
      return sql`c.id IN (SELECT f.customer_id FROM customer_purchase_facts f WHERE ${date} IS NOT NULL AND ${from} AND ${to})`;
    }
    case 'bought_via': {
      // The expressions migration 0020 indexes, with the day: "via the Studio last year" reads those.
      // Per candidate, the same test in another order, so the customer's own purchases are read.
      const name = cond.by === 'channel' ? 'p.channel' : 'p.venue';
      const column = raw(ctx.probe ? `trim(lower(${name}))` : `lower(trim(${name}))`);
      const where = sql`${purchaseMatch({ period: cond.period })} AND ${inList(
        column,
        cond.values.map((v) => v.toLowerCase()),
      )}`;
      return ctx.probe
        ? sql`EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = c.id AND ${where})`
        : someRow('purchases p', where);
    }
    case 'rfm_group': {
      const scores = rfmScores(cond.period, cond.basis, rfmEnd(cond.period, ctx.today), cond.breaks);
      return sql`c.id IN (SELECT id FROM (${scores}) WHERE r * 10 + f IN (SELECT value FROM json_each(${JSON.stringify(rfmCells(cond.groups))})))`;
    }
    case 'completeness':
      return completenessSql(cond, ctx.mustHave);
    case 'source':
      return inList(raw('c.source'), cond.values);
    case 'record_date': {
      const column = { created: 'c.created_at', last_verified: 'c.verified_at', last_activity: 'c.last_activity_at' }[
        cond.which
      ];
      return sql`(coalesce(${raw(column)}, '') <> '' AND ${inPeriod(column, cond.period)})`;
    }
    case 'consent': {
      if (cond.state === 'may_contact') return contactableSql(cond.channel, ctx.today);
      // Withdrawn and do-not-contact are read as sets (few people each), except per candidate.
      switch (cond.state) {
        case 'consented':
          return sql`(${consentReasonSql(cond.channel, 'marketing')}) IS NULL`;
        case 'withdrawn':
          return ctx.probe
            ? sql`coalesce(${consentReasonSql(cond.channel, 'marketing')}, '') = 'withdrawn'`
            : sql`c.id IN (${withdrawnSet(cond.channel, 'marketing')}) AND NOT ${doNotContactSql(false)}`;
        case 'never_given':
          return sql`coalesce(${consentReasonSql(cond.channel, 'marketing')}, '') = 'no_consent'`;
        case 'do_not_contact':
          return doNotContactSql(!ctx.probe);
      }
    }
  }
}

function joinWith(parts: Query[], op: 'AND' | 'OR'): Query {
  if (parts.length === 0) return raw(op === 'AND' ? '1' : '0');
  return parts.slice(1).reduce((acc, part) => sql`${acc} ${raw(op)} ${part}`, sql`${parts[0] as Query}`);
}
const joinOr = (parts: Query[]): Query => joinWith(parts, 'OR');

type CompileContext = {
  /**
   * Set inside an AND group that has a condition answered from an index (see narrow()): a purchase
   * condition there is checked per candidate that condition picks (EXISTS over the customer's
   * own purchases) instead of gathering every customer it holds for. "First bought this year,
   * online" reads this year's newcomers and their purchases, not every online sale.
   */
  probe?: boolean;
  today: string;
  fields: ReadonlyMap<string, FieldInfo>;
  /** The register's must-have tests (register.queries.ts mustHaveTests), each true when one is missing. */
  mustHave: readonly Query[];
};

/**
 * Conditions that pick few enough people straight from an index (addresses by area, district or
 * town, an item or category bought, first or last purchase day) to lead an AND group.
 */
function narrow(node: Node): boolean {
  if (!('kind' in node)) return false;
  switch (node.kind) {
    case 'postcode':
      return node.level !== 'sector';
    case 'town':
    case 'purchase_date':
      return true;
    case 'bought':
      return node.item !== undefined || node.category !== undefined;
    default:
      return false;
  }
}

/** A node as a parenthesised boolean over customer `c`. */
export function nodeSql(node: Node, ctx: CompileContext): Query {
  if ('all' in node) {
    const lead = node.all.findIndex(narrow);
    return sql`(${joinWith(
      node.all.map((n, i) => nodeSql(n, { ...ctx, probe: ctx.probe || (lead >= 0 && i !== lead) })),
      'AND',
    )})`;
  }
  // Under a lead, an OR or a NOT is checked per candidate too (EXISTS and IN agree row by row).
  if ('any' in node)
    return sql`(${joinWith(
      node.any.map((n) => nodeSql(n, ctx)),
      'OR',
    )})`;
  if ('not' in node) return sql`(NOT ${nodeSql(node.not, ctx)})`;
  return sql`(${conditionSql(node, ctx)})`;
}

/** Live customers only: archived records are kept for the file, not for using. */
const MEMBER = raw('c.archived = 0');

export function countSegment(db: DB, where: Query): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM customers c WHERE ${MEMBER} AND ${where}`)?.n ?? 0;
}

type PreviewRow = {
  id: number;
  ref: string;
  given_name: string;
  family_name: string;
  organisation_name: string;
  kind: string;
  summary_town: string;
  summary_postcode: string;
};

export function previewSegment(db: DB, where: Query, limit: number): PreviewRow[] {
  return all<PreviewRow>(
    db,
    sql`SELECT c.id, coalesce(c.ref, '') AS ref, c.given_name, c.family_name, c.organisation_name, c.kind,
          c.summary_town, c.summary_postcode
        FROM customers c WHERE ${MEMBER} AND ${where} ORDER BY c.family_name, c.given_name, c.id LIMIT ${limit}`,
  );
}

export function segmentIds(db: DB, where: Query): number[] {
  return all<{ id: number }>(db, sql`SELECT c.id FROM customers c WHERE ${MEMBER} AND ${where} ORDER BY c.id`).map(
    (r) => r.id,
  );
}

export type SavedRow = {
  id: number;
  name: string;
  purpose: string;
  definition: string;
  created_at: string;
  created_by: string;
  updated_at: string;
};

/** Saved segments, or the one with `id`, newest change first. */
export function readSegments(db: DB, id?: number): SavedRow[] {
  return all<SavedRow>(
    db,
    sql`SELECT s.id, s.name, s.purpose, s.definition, s.created_at, coalesce(u.name, '') AS created_by, s.updated_at
        FROM segments s LEFT JOIN users u ON u.id = s.created_by
        WHERE ${id ?? null} IS NULL OR s.id = ${id ?? null}
        ORDER BY s.updated_at DESC, s.id DESC`,
  );
}

/** Insert or update by id; a name already used by another segment is refused in words. */
export function writeSegment(
  db: DB,
  s: { id?: number; name: string; purpose: string; definition: string },
  ctx: { now: () => string; session: { user: { id: number } } },
): number {
  const clash = get<{ id: number }>(db, sql`SELECT id FROM segments WHERE name = ${s.name} AND id <> ${s.id ?? 0}`);
  if (clash)
    throw new CoreError('ALREADY_EXISTS', `There is already a segment called “${s.name}”: choose another name.`);
  const at = ctx.now();
  const by = ctx.session.user.id;
  if (s.id !== undefined) {
    const changed = run(
      db,
      sql`UPDATE segments SET name = ${s.name}, purpose = ${s.purpose}, definition = ${s.definition},
            updated_at = ${at}, updated_by = ${by} WHERE id = ${s.id}`,
    ).changes;
    if (changed === 0) throw new CoreError('NOT_FOUND', 'That segment is not there any more.');
    return s.id;
  }
  return Number(
    run(
      db,
      sql`INSERT INTO segments (name, purpose, definition, created_at, created_by, updated_at, updated_by)
          VALUES (${s.name}, ${s.purpose}, ${s.definition}, ${at}, ${by}, ${at}, ${by})`,
    ).lastInsertRowid,
  );
}

/** Delete a saved segment; its name, or null when there was none. */
export function deleteSegment(db: DB, id: number): string | null {
  const row = get<{ name: string }>(db, sql`SELECT name FROM segments WHERE id = ${id}`);
  if (!row) return null;
  run(db, sql`DELETE FROM segments WHERE id = ${id}`);
  return row.name;
}
