// The duplicate methods of the dispatch: the whole-file scan (the review queue, in one call or
// stepwise through scan-job.ts), with its pairs linked into groups, the warning at
// the counter before a new record is saved, and "not duplicates". The scan and dismissals are
// audited; so is the counter check, since it shows existing customers' names.
//
// Volunteers are warned too (they add records at sign-up events), but learn only that a similar
// record exists: not who, nor why, because they may see only the records they added themselves.
import type { Input, Output } from '../../../shared/contract';
import type { ScanOutput } from '../../../shared/contract/duplicates';
import { CoreError } from '../../../shared/contract/result';
import type { CustomerData } from '../../../shared/customer';
import { appendAudit, appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { customerExists } from '../customers/customers.queries';
import { findDraftMatches } from './draft-matches';
import { type ScanPair, type ScanResult, scanDuplicates } from './duplicates';
import { insertDismissal, readLabels } from './duplicates.queries';

export function scanForDuplicates(
  ctx: Context,
  input: { limit: number; include_archived: boolean },
): Output<'duplicates.scan'> {
  const started = process.hrtime.bigint();
  const scan = scanDuplicates(ctx.db, { limit: input.limit, includeArchived: input.include_archived });
  return scanOutput(ctx, scan, Number(process.hrtime.bigint() - started) / 1e9);
}

/** A finished scan as the review shows it (names, groups), audited: it lists customers' names. */
export function scanOutput(ctx: Context, scan: ScanResult, seconds: number): ScanOutput {
  const labels = readLabels(
    ctx.db,
    scan.pairs.flatMap((p) => [p.a, p.b]),
  );
  const side = (id: number) => ({ id, ref: labels.get(id)?.ref ?? '', name: labels.get(id)?.name ?? '' });
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'duplicates.scan',
    detail: {
      customers: scan.customers,
      compared: scan.compared,
      above_threshold: scan.total,
      returned: scan.pairs.length,
      large_groups: scan.largeGroups.length,
    },
  });
  return {
    pairs: scan.pairs.map((p) => ({ a: side(p.a), b: side(p.b), score: p.score, reasons: p.reasons })),
    groups: groupsOf(scan.pairs).map((g) => ({ members: g.ids.map(side), score: g.score })),
    total: scan.total,
    capped: scan.total > scan.pairs.length,
    customers: scan.customers,
    compared: scan.compared,
    large_groups: scan.largeGroups.slice(0, 50),
    seconds: Math.round(seconds * 1000) / 1000,
  };
}

/** Pairs linked through shared records (union–find), groups of three or more, strongest first. */
function groupsOf(pairs: readonly ScanPair[]): { ids: number[]; score: number }[] {
  const parent = new Map<number, number>();
  const root = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as number;
    parent.set(x, r);
    return r;
  };
  for (const p of pairs) {
    for (const id of [p.a, p.b]) if (!parent.has(id)) parent.set(id, id);
    const [ra, rb] = [root(p.a), root(p.b)];
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, { ids: number[]; score: number }>();
  for (const id of [...parent.keys()].sort((x, y) => x - y)) {
    const r = root(id);
    const g = groups.get(r) ?? { ids: [], score: 0 };
    g.ids.push(id);
    groups.set(r, g);
  }
  for (const p of pairs) {
    const g = groups.get(root(p.a)) as { score: number };
    g.score = Math.max(g.score, p.score);
  }
  return [...groups.values()].filter((g) => g.ids.length >= 3).sort((x, y) => y.score - x.score);
}

export function checkDraft(
  ctx: Context,
  input: { draft: CustomerData; exclude_id?: number | undefined },
): Output<'duplicates.check'> {
  const matches = findDraftMatches(ctx.db, input.draft, input.exclude_id);
  const volunteer = ctx.session.user.role === 'volunteer';
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'duplicates.check',
    detail: { matches: matches.length, shown: volunteer ? 0 : matches.length },
  });
  if (matches.length === 0) return { matches: [], similar: 0, message: '' };
  if (volunteer) {
    return {
      matches: [],
      similar: matches.length,
      message:
        'A similar record may already exist. Ask a member of staff before saving, so this customer is not recorded twice.',
    };
  }
  const labels = readLabels(
    ctx.db,
    matches.map((m) => m.id),
  );
  return {
    matches: matches.map((m) => ({
      id: m.id,
      ref: labels.get(m.id)?.ref ?? '',
      name: labels.get(m.id)?.name ?? '',
      score: m.score,
      reasons: m.reasons,
    })),
    similar: matches.length,
    message:
      matches.length === 1
        ? 'An existing record looks like this person. Check it before saving a new one.'
        : `${matches.length} existing records look like this person. Check them before saving a new one.`,
  };
}

export function dismissPair(ctx: Context, input: Input<'duplicates.dismiss'>): Output<'duplicates.dismiss'> {
  return ctx.db.transaction(() => {
    for (const id of [input.a, input.b]) {
      if (!customerExists(ctx.db, id)) {
        throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may have been deleted).');
      }
    }
    const dismissed = insertDismissal(ctx.db, input.a, input.b, ctx.session.user.id, ctx.now());
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'duplicates.dismiss',
      entity: 'customer',
      entityId: Math.min(input.a, input.b),
      detail: { a: Math.min(input.a, input.b), b: Math.max(input.a, input.b), already: !dismissed },
    });
    return { dismissed };
  })();
}
