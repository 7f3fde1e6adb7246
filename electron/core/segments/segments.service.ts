// Segments: check a definition against the register as it is now (a field removed or made
// "not collected", a choice no longer offered), compile it, count it, show a first page, and
// keep it under a name with its purpose. A definition that names a field the register no
// longer has is refused, never run without that condition: dropping it would silently widen
// who is in the segment.
import type { Output, Parsed } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { Segment } from '../../../shared/contract/segments';
import { type Condition, conditionsOf, Definition } from '../../../shared/segments';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { readEntry } from '../register/register.queries';
import { readMustHaveTests } from '../register/register.service';
import {
  countSegment,
  deleteSegment,
  type FieldInfo,
  nodeSql,
  previewSegment,
  readSegments,
  type SavedRow,
  segmentIds,
  writeSegment,
} from './segments.queries';

type Checked = { fields: Map<string, FieldInfo>; review: string[]; missing: string[] };

const NUMERIC_OPS = new Set(['at_least', 'at_most']);

/** The register's view of the fields a definition names: what is gone, what needs a look. */
function checkFields(ctx: Context, definition: Definition, strict: boolean): Checked {
  const fields = new Map<string, FieldInfo>();
  const review: string[] = [];
  const missing: string[] = [];
  const conditions = conditionsOf(definition.match).filter(
    (c): c is Extract<Condition, { kind: 'field' }> => c.kind === 'field',
  );
  for (const cond of conditions) {
    const entry = readEntry(ctx.db, cond.key);
    if (!entry) {
      missing.push(cond.key);
      continue;
    }
    if (!entry.see_roles.includes(ctx.session.user.role)) {
      throw new CoreError('FORBIDDEN', `Your role may not see ${entry.label}, so it cannot choose people by it.`);
    }
    fields.set(entry.key, { key: entry.key, kind: entry.kind, label: entry.label });
    if (entry.priority === 'not_collected')
      review.push(`${entry.label} is no longer collected: fewer people will match it as values are erased.`);
    if (entry.kind === 'single_choice' || entry.kind === 'multiple_choice') {
      const offered = new Set(entry.choices.map((c) => c.toLowerCase()));
      for (const value of cond.values)
        if (!offered.has(value.toLowerCase())) review.push(`${entry.label} no longer offers “${value}”.`);
    }
    if (strict) checkOperator(cond, entry.label, entry.kind);
  }
  if (missing.length && strict) {
    throw new CoreError(
      'CONFLICT',
      `This segment names ${missing.length === 1 ? 'a field' : 'fields'} no longer in the register (${missing.join(', ')}). Change the segment before using it: it is not run without ${missing.length === 1 ? 'that condition' : 'those conditions'}.`,
    );
  }
  for (const key of missing)
    review.push(`${key} is no longer in the register: the segment cannot run until it is changed.`);
  return { fields, review, missing };
}

function checkOperator(cond: Extract<Condition, { kind: 'field' }>, label: string, kind: string | null): void {
  const fail = (message: string) => {
    throw new CoreError('INVALID_INPUT', message, [{ path: 'definition', message }]);
  };
  if (NUMERIC_OPS.has(cond.op)) {
    if (kind !== 'number' && kind !== 'date') fail(`${label} is not a number or a date: use “is one of” instead.`);
    if (cond.values.length !== 1) fail(`Give one value to compare ${label} with.`);
    const value = cond.values[0] ?? '';
    if (kind === 'number' && !Number.isFinite(Number(value)))
      fail(`${label} is compared with a number; “${value}” is not one.`);
    if (kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
      fail(`${label} is compared with a date written YYYY-MM-DD.`);
  } else if ((cond.op === 'any_of' || cond.op === 'all_of') && cond.values.length === 0) {
    fail(`Choose at least one value of ${label}.`);
  }
}

/** A definition checked against the register as it is now, as a WHERE fragment over customers `c`. */
export function compileDefinition(ctx: Context, definition: Definition) {
  const checked = checkFields(ctx, definition, true);
  const mustHave = conditionsOf(definition.match).some((c) => c.kind === 'completeness')
    ? readMustHaveTests(ctx.db).map((m) => m.test)
    : [];
  const where = nodeSql(definition.match, { today: ctx.now().slice(0, 10), fields: checked.fields, mustHave });
  return { where, review: checked.review };
}

export function countDefinition(ctx: Context, input: Parsed<'segments.count'>): Output<'segments.count'> {
  const { where, review } = compileDefinition(ctx, input.definition);
  const count = countSegment(ctx.db, where);
  const rows = input.preview > 0 ? previewSegment(ctx.db, where, input.preview) : [];
  if (rows.length > 0) {
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'segment.preview',
      detail: { count, shown: rows.length },
    });
  }
  const preview = rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    name: r.kind === 'organisation' ? r.organisation_name : `${r.given_name} ${r.family_name}`.trim(),
    town: r.summary_town,
    postcode: r.summary_postcode,
  }));
  return { count, preview, review };
}

function toSegment(ctx: Context, row: SavedRow): Segment {
  const parsed = Definition.safeParse(JSON.parse(row.definition));
  const review = parsed.success
    ? checkFields(ctx, parsed.data, false).review
    : ['The stored definition is no longer readable: build it again.'];
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    definition: parsed.success ? parsed.data : { version: 1, match: { all: [] } },
    created_at: row.created_at,
    created_by: row.created_by,
    updated_at: row.updated_at,
    review,
  };
}

export function saveSegment(ctx: Context, input: Parsed<'segments.save'>): Output<'segments.save'> {
  compileDefinition(ctx, input.definition);
  const id = writeSegment(ctx.db, { ...input, definition: JSON.stringify(input.definition) }, ctx);
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: input.id ? 'segment.update' : 'segment.create',
    detail: { segment: id, name: input.name },
  });
  return readSegment(ctx, id);
}

export function readSegment(ctx: Context, id: number): Segment {
  const row = readSegments(ctx.db, id)[0];
  if (!row) throw new CoreError('NOT_FOUND', 'That segment is not there any more.');
  return toSegment(ctx, row);
}

export function listSegments(ctx: Context): Output<'segments.list'> {
  return readSegments(ctx.db).map((row) => toSegment(ctx, row));
}

export function removeSegment(ctx: Context, input: Parsed<'segments.remove'>): Output<'segments.remove'> {
  const name = deleteSegment(ctx.db, input.id);
  if (name === null) throw new CoreError('NOT_FOUND', 'That segment is not there any more.');
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'segment.remove',
    detail: { segment: input.id, name },
  });
  return { message: `Segment “${name}” removed. Campaign lists made from it keep their members.` };
}

/** The records a saved segment holds today (an event pack's look-up list is made from it). */
export function segmentMembers(ctx: Context, id: number): { name: string; ids: number[] } {
  const segment = readSegment(ctx, id);
  const { where } = compileDefinition(ctx, segment.definition);
  return { name: segment.name, ids: segmentIds(ctx.db, where) };
}
