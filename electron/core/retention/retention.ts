// Records kept past their purpose: the rules that find them (erasure asked for; archived, or no
// activity at all, for longer than redundant_after_years), the review list with a reason each,
// and deletion for real of the chosen ones through erase.ts. Only a count per rule and month
// survives them (erasure_totals): figures stay, people go. The same review lists the values held
// past their own field's retention (field-retention.ts), erased one by one while records stay.

import { activityInWords } from '../../../shared/activity';
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { RedundantRecord, RetentionRule } from '../../../shared/contract/retention';
import { displayName } from '../../../shared/customer';
import { appendAudit, appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { eraseRecord } from '../customers/erase';
import { all, get, prepare, run, sql } from '../db/sql';
import { monthsBefore } from '../quality/freshness';
import { eraseExpiredValue, findExpiredValues } from './field-retention';

const OPEN = "status NOT IN ('confirmed', 'refused')";

const RULE_WORDS: Record<RetentionRule, string> = {
  erasure_requested: 'erasure asked for',
  archived: 'archived and unused',
  inactive: 'no activity',
};

type Row = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  archived: number;
  last_activity_at: string;
  last_activity: string;
  request_id: number | null;
  requested_at: string | null;
};

const COLUMNS = `c.id, coalesce(c.ref, '') AS ref, c.title, c.given_name, c.family_name, c.preferred_name, c.archived,
  c.last_activity_at, c.last_activity`;

/** Customers with an erasure request not yet done (the oldest request per customer). */
const ERASURE = `SELECT ${COLUMNS}, r.id AS request_id, r.received_at AS requested_at
  FROM customers c JOIN info_requests r ON r.customer_id = c.id
  WHERE r.kind = 'erasure' AND r.${OPEN} AND r.id = (SELECT min(id) FROM info_requests x
    WHERE x.customer_id = c.id AND x.kind = 'erasure' AND x.${OPEN})`;

/**
 * No activity since the cutoff: the record's stamp (migration 0011) covers its changes and
 * verifications, purchases, consent, interactions, requests, imports and merges. An open request
 * keeps a record however old, since erasing it would end the request unanswered.
 */
const UNUSED = `SELECT ${COLUMNS}, NULL AS request_id, NULL AS requested_at FROM customers c
  WHERE c.last_activity_at < ?
    AND NOT EXISTS (SELECT 1 FROM info_requests r WHERE r.customer_id = c.id AND r.${OPEN})`;

const day = (iso: string) => iso.slice(0, 10);

function describe(row: Row, years: number): { rule: RetentionRule; reason: string } {
  const last = activityInWords(row.last_activity, row.last_activity_at);
  if (row.request_id !== null) {
    return {
      rule: 'erasure_requested',
      reason: `Erasure asked for on ${day(row.requested_at ?? '')} (request ${row.request_id}), not yet done.`,
    };
  }
  if (row.archived === 1) {
    return { rule: 'archived', reason: `Archived, and no activity for more than ${years} years (${last}).` };
  }
  return { rule: 'inactive', reason: `No activity for more than ${years} years (${last}).` };
}

/** What stops an erasure now: an open request other than the erasure request it fulfils. */
function blockerOf(ctx: Context, row: Row): string {
  const open = get<{ id: number }>(
    ctx.db,
    sql`SELECT id FROM info_requests WHERE customer_id = ${row.id} AND status NOT IN ('confirmed', 'refused')
          AND id IS NOT ${row.request_id} LIMIT 1`,
  );
  return open ? `Open information request number ${open.id}: finish or refuse it first.` : '';
}

function toItem(ctx: Context, row: Row, years: number): RedundantRecord {
  return {
    id: row.id,
    ref: row.ref,
    name: displayName(row),
    ...describe(row, years),
    last_activity: row.last_activity_at,
    activity: activityInWords(row.last_activity, row.last_activity_at),
    request_id: row.request_id,
    blocked: blockerOf(ctx, row),
  };
}

/**
 * Records with no activity since the cutoff and no open request, archived or not: the index on
 * (last_activity_at, archived) counts the range, less the few with an open request.
 */
const UNUSED_COUNT = `SELECT (SELECT count(*) FROM customers WHERE archived = ? AND last_activity_at < ?)
  - (SELECT count(DISTINCT c.id) FROM info_requests r JOIN customers c ON c.id = r.customer_id
      WHERE r.${OPEN} AND c.archived = ? AND c.last_activity_at < ?) AS n`;

/**
 * Every redundant record once, under its strongest rule: an erasure request first, then archive,
 * then disuse, each in order of its index up to `limit`, so a million records cost no more than a
 * page. The rules never overlap: an erasure request is an open request, which disuse excludes.
 */
function findRedundant(ctx: Context, limit: number, onlyId?: number): { rows: Row[]; total: number } {
  const cutoff = monthsBefore(ctx.now(), ctx.vault.settings.redundant_after_years * 12);
  // Two fixed statement texts (whole file, or one record by id), so both stay prepared.
  const only = onlyId === undefined ? '' : ' AND c.id = ?';
  const id = onlyId === undefined ? [] : [onlyId];
  const erasure = prepare(ctx.db, `${ERASURE}${only} ORDER BY r.received_at, c.id`).all(...id) as Row[];
  const rows = erasure.slice(0, limit);
  let total = erasure.length;
  const unused = prepare(ctx.db, `${UNUSED} AND c.archived = ?${only} ORDER BY c.last_activity_at, c.id LIMIT ?`);
  for (const archived of [1, 0]) {
    if (rows.length < limit) rows.push(...(unused.all(cutoff, archived, ...id, limit - rows.length) as Row[]));
    if (onlyId === undefined)
      total += (prepare(ctx.db, UNUSED_COUNT).get(archived, cutoff, archived, cutoff) as { n: number }).n;
  }
  return { rows, total: onlyId === undefined ? total : rows.length };
}

export function reviewRetention(ctx: Context, input: Input<'retention.review'>): Output<'retention.review'> {
  const years = ctx.vault.settings.redundant_after_years;
  const { rows, total } = findRedundant(ctx, input.limit ?? 500);
  const expired = findExpiredValues(ctx, input.limit ?? 500);
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'retention.review',
    detail: { total, values: expired.values.length },
  });
  return {
    items: rows.map((row) => toItem(ctx, row, years)),
    total,
    years,
    values: expired.values,
    values_capped: expired.capped,
  };
}

/** Erase the chosen values past their field's retention, each checked again; the records stay. */
export function eraseExpiredValues(
  ctx: Context,
  input: Input<'retention.eraseValues'>,
): Output<'retention.eraseValues'> {
  const erased: Output<'retention.eraseValues'>['erased'] = [];
  const failed: Output<'retention.eraseValues'>['failed'] = [];
  const seen = new Set<string>();
  for (const value of input.values) {
    const key = `${value.customer_id} ${value.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const outcome = eraseExpiredValue(ctx, value);
    if (!outcome.ok) {
      failed.push({ customer_id: outcome.customer_id, field: outcome.field, message: outcome.message });
      continue;
    }
    erased.push({ customer_id: outcome.customer_id, field: outcome.field });
    // Which field and why, never what it held.
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'retention.eraseValue',
      entity: 'customer',
      entityId: value.customer_id,
      detail: { field: value.field, reason: input.reason },
    });
  }
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'retention.eraseValues',
    detail: { asked: input.values.length, erased: erased.length, failed: failed.length },
  });
  // One checkpoint for the lot, as for records: the old pages leave the WAL together.
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return { erased, failed };
}

/** Delete the chosen records, each checked against the rules again: one refusal never stops the others. */
export function eraseRedundant(ctx: Context, input: Input<'retention.erase'>): Output<'retention.erase'> {
  const years = ctx.vault.settings.redundant_after_years;
  const erased: Output<'retention.erase'>['erased'] = [];
  const failed: Output<'retention.erase'>['failed'] = [];
  const month = ctx.now().slice(0, 7);
  for (const id of new Set(input.ids)) {
    const row = findRedundant(ctx, 1, id).rows[0];
    if (!row) {
      const exists = get(ctx.db, sql`SELECT 1 FROM customers WHERE id = ${id}`) !== undefined;
      failed.push({
        id,
        message: exists
          ? 'No longer matches a retention rule (active since the review): kept.'
          : 'That record does not exist (it may already have been erased).',
      });
      continue;
    }
    const { rule } = describe(row, years);
    try {
      ctx.db.transaction(() => {
        eraseRecord(ctx, {
          id,
          reason: `${input.reason} (${RULE_WORDS[rule]})`.slice(0, 200),
          ...(row.request_id === null ? {} : { request_id: row.request_id }),
        });
        run(
          ctx.db,
          sql`INSERT INTO erasure_totals (rule, month, erased) VALUES (${rule}, ${month}, 1)
              ON CONFLICT (rule, month) DO UPDATE SET erased = erased + 1`,
        );
      })();
      erased.push({ id, rule });
    } catch (error) {
      if (!(error instanceof CoreError)) throw error;
      failed.push({ id, message: error.message });
    }
  }
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'retention.erase',
    detail: { asked: input.ids.length, erased: erased.length, failed: failed.length },
  });
  // One checkpoint for the lot: the erased pages leave the WAL together.
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return { erased, failed, totals: readTotals(ctx) };
}

export function readTotals(ctx: Context): Record<string, number> {
  const rows = all<{ rule: string; n: number }>(
    ctx.db,
    sql`SELECT rule, sum(erased) AS n FROM erasure_totals GROUP BY rule ORDER BY rule`,
  );
  return Object.fromEntries(rows.map((r) => [r.rule, r.n]));
}
