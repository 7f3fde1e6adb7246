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
import { customerExists } from '../customers/customers.queries';
import { eraseRecord } from '../customers/erase';
import { checkpoint } from '../db/pragmas';
import { monthsBefore } from '../quality/freshness';
import { eraseExpiredValue, findExpiredValues } from './field-retention';
import {
  countErased,
  countUnusedSince,
  erasureRequested,
  erasureTotals,
  otherOpenRequest,
  type RedundantRow,
  unusedSince,
} from './retention.queries';

const RULE_WORDS: Record<RetentionRule, string> = {
  erasure_requested: 'erasure asked for',
  archived: 'archived and unused',
  inactive: 'no activity',
};

type Row = RedundantRow;

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
  const open = otherOpenRequest(ctx.db, row.id, row.request_id);
  return open === undefined ? '' : `Open information request number ${open}: finish or refuse it first.`;
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
 * Every redundant record once, under its strongest rule: an erasure request first, then archive,
 * then disuse, each in order of its index up to `limit`, so a million records cost no more than a
 * page. The rules never overlap: an erasure request is an open request, which disuse excludes.
 */
function findRedundant(ctx: Context, limit: number, onlyId?: number): { rows: Row[]; total: number } {
  const cutoff = monthsBefore(ctx.now(), ctx.vault.settings.redundant_after_years * 12);
  const erasure = erasureRequested(ctx.db, onlyId);
  const rows = erasure.slice(0, limit);
  let total = erasure.length;
  for (const archived of [1, 0] as const) {
    if (rows.length < limit) rows.push(...unusedSince(ctx.db, cutoff, archived, limit - rows.length, onlyId));
    if (onlyId === undefined) total += countUnusedSince(ctx.db, cutoff, archived);
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
  checkpoint(ctx.db);
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
      const exists = customerExists(ctx.db, id);
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
        countErased(ctx.db, rule, month);
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
  checkpoint(ctx.db);
  return { erased, failed, totals: readTotals(ctx) };
}

function readTotals(ctx: Context): Record<string, number> {
  const rows = erasureTotals(ctx.db);
  return Object.fromEntries(rows.map((r) => [r.rule, r.n]));
}
