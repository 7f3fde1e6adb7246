// The information-requirements register in the core: reading and changing it (validated and
// audited), exporting it as the organisation's record of what it collects and why, enforcing
// must-haves on every form save, and listing the records that lack one.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { toCsv } from '../../../shared/csv';
import {
  type ChoiceEdit,
  choiceKey,
  choicesProblem,
  DUPLICATE_CHOICE_MESSAGE,
  type FieldKind,
  isChoiceKind,
  KIND_LABELS,
  keyFromLabel,
  labelClash,
  readFieldValue,
  SPECIAL_PURPOSE_MESSAGE,
} from '../../../shared/custom-fields';
import type { CustomerData } from '../../../shared/customer';
import { plural } from '../../../shared/format';
import {
  askable,
  BASIS_LABELS,
  BASIS_REQUIRED_MESSAGE,
  CATEGORY_LABELS,
  DEFAULT_EDIT_ROLES,
  DEFAULT_RETENTION_MONTHS,
  DEFAULT_SEE_ROLES,
  mustHaveErrors,
  PRIORITY_LABELS,
  type RegisterEntry,
} from '../../../shared/register';
import { cleanLine } from '../../../shared/text';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { readFieldCounts } from '../quality/completeness.service';
import { renderPdf } from '../requests/pdf';
import {
  choiceValues,
  deleteField,
  insertField,
  type MustHaveTest,
  mustHaveTests,
  readEntry,
  readRegister,
  storedFilled,
  updateField,
  writeChoiceValue,
} from './register.queries';

export function listRegister(ctx: Context): Output<'register.list'> {
  return readRegister(ctx.db);
}

/** What a priority change means for people at the counter and for the stored values. */
function changeMessage(before: RegisterEntry, after: RegisterEntry, stored: number): string {
  if (before.priority === after.priority) return `${after.label}: saved.`;
  switch (after.priority) {
    case 'must_have':
      return `${after.label} is now a must-have: new and edited records need it. Records without it show as missing it.`;
    case 'nice_to_know':
      return `${after.label} is now nice to know: the form shows it but does not require it.`;
    case 'not_collected':
      return `${after.label} is no longer collected and leaves the form. Nothing is deleted: the ${stored} stored ${
        stored === 1 ? 'value is' : 'values are'
      } kept and shown read-only on the record until erased or reviewed for retention.`;
  }
}

/** A collected field says on what basis it is held; special-category data also says exactly why. */
function checkCollectable(entry: RegisterEntry): void {
  if (entry.priority === 'not_collected') return;
  // Anything still collected must say on what basis (UK GDPR art. 6); a retired field may keep its.
  if (entry.lawful_basis === null) {
    throw new CoreError('INVALID_INPUT', BASIS_REQUIRED_MESSAGE, [
      { path: 'lawful_basis', message: BASIS_REQUIRED_MESSAGE },
    ]);
  }
  if (entry.special && entry.purpose.trim() === '') {
    const message = SPECIAL_PURPOSE_MESSAGE(entry.label);
    throw new CoreError('INVALID_INPUT', message, [{ path: 'purpose', message }]);
  }
}

/** How many records hold a value for this field, from the counters (no scan). */
function filledCount(db: DB, key: string): number {
  return storedFilled(db, key) ?? readFieldCounts(db).get(key) ?? 0;
}

const choicesError = (message: string) => new CoreError('INVALID_INPUT', message, [{ path: 'choices', message }]);

/**
 * A new choice list for a choice field. A choice renamed (by `was`, or the same words in other
 * capitals) takes its stored values with it, also into a choice already on the list; a choice
 * removed while records still hold it is refused, naming how many, so nothing is lost silently.
 */
function editChoices(ctx: Context, before: RegisterEntry, edits: readonly ChoiceEdit[]): string[] {
  if (!isChoiceKind(before.kind)) throw choicesError('Only choice fields have a list of choices.');
  const find = (text: string) => before.choices.find((c) => choiceKey(c) === choiceKey(text));
  // The list as it will be: one entry per choice. The same words twice are a mistake, unless the
  // second renames another current choice into the first ("Silver" folded into "Bronze").
  const labels: string[] = [];
  const canonical = new Map<string, string>();
  for (const e of edits) {
    const label = cleanLine(e.label);
    const key = choiceKey(label);
    const folded = canonical.get(key);
    if (folded === undefined) {
      canonical.set(key, label);
      labels.push(label);
    } else if (e.was === undefined || choiceKey(e.was) === key) {
      throw choicesError(DUPLICATE_CHOICE_MESSAGE(label));
    }
  }
  const problem = choicesProblem(before.kind as FieldKind, labels);
  if (problem) throw choicesError(problem);
  const target = new Map<string, string>();
  for (const e of edits) {
    if (e.was === undefined) continue;
    const from = find(e.was);
    if (!from) throw choicesError(`"${cleanLine(e.was)}" is not one of the current choices.`);
    target.set(from, canonical.get(choiceKey(cleanLine(e.label))) as string);
  }
  for (const label of labels) {
    const same = find(label);
    if (same && !target.has(same)) target.set(same, label);
  }
  const multiple = before.kind === 'multiple_choice';
  const rows = choiceValues(ctx.db, before.key);
  const picks = (value: string) => (multiple ? (readFieldValue('multiple_choice', value) as string[]) : [value]);
  for (const choice of before.choices) {
    if (target.has(choice)) continue;
    const n = rows.filter((r) => picks(r.value).includes(choice)).length;
    if (n > 0) {
      throw choicesError(
        `"${choice}" is held by ${plural(n, 'record')}: keep it, or rename it (also into another choice) so those values move with it.`,
      );
    }
  }
  // Rewrite the stored values that change: renamed choices, and lists kept in the new order.
  for (const r of rows) {
    const picked = new Set(picks(r.value).map((c) => target.get(c) ?? c));
    const next = multiple ? JSON.stringify(labels.filter((l) => picked.has(l))) : [...picked][0];
    if (next !== undefined && next !== r.value) writeChoiceValue(ctx.db, r.customer_id, before.key, next);
  }
  return labels;
}

export function addField(ctx: Context, input: Input<'register.add'>): Output<'register.add'> {
  return ctx.db.transaction(() => {
    const register = readRegister(ctx.db);
    const label = cleanLine(input.label);
    const clash = labelClash(label, register);
    if (clash) throw new CoreError('INVALID_INPUT', clash, [{ path: 'label', message: clash }]);
    const choices = (input.choices ?? []).map(cleanLine);
    const problem = choicesProblem(input.kind, choices);
    if (problem) throw choicesError(problem);
    const key = keyFromLabel(label, new Set(register.map((e) => e.key)));
    const entry: RegisterEntry = {
      key,
      label,
      category: input.category,
      priority: input.priority ?? 'nice_to_know',
      purpose: input.purpose ?? '',
      lawful_basis: input.lawful_basis ?? null,
      retention_months: input.retention_months ?? DEFAULT_RETENTION_MONTHS,
      see_roles: input.see_roles ? [...new Set(input.see_roles)] : DEFAULT_SEE_ROLES,
      edit_roles: input.edit_roles ? [...new Set(input.edit_roles)] : DEFAULT_EDIT_ROLES,
      sources: input.sources ?? '',
      updated_at: ctx.now(),
      updated_by: '',
      kind: input.kind,
      choices,
      custom: true,
      special: false,
    };
    checkCollectable(entry);
    insertField(ctx.db, entry, ctx.session.user.id);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'register.add',
      detail: { key, kind: entry.kind, priority: entry.priority },
    });
    const saved = readEntry(ctx.db, key) as RegisterEntry;
    const message =
      saved.priority === 'must_have'
        ? `${label} added as a must-have: new and edited records need it, and existing records show as missing it.`
        : `${label} added: the customer form now asks for it.`;
    return { entry: saved, message };
  })();
}

export function removeField(ctx: Context, input: Input<'register.remove'>): Output<'register.remove'> {
  return ctx.db.transaction(() => {
    const entry = readEntry(ctx.db, input.key);
    if (!entry) throw new CoreError('NOT_FOUND', 'That field is not in the register.');
    if (!entry.custom) {
      throw new CoreError(
        'CONFLICT',
        `${entry.label} comes with Custodian and cannot be removed: set it to "Not collected" to take it off the form.`,
      );
    }
    const stored = filledCount(ctx.db, entry.key);
    if (stored > 0) {
      throw new CoreError(
        'CONFLICT',
        `${plural(stored, 'record holds', 'records hold')} a value for ${entry.label}: set it to "Not collected" instead (the values are kept), or clear them first.`,
      );
    }
    deleteField(ctx.db, entry.key);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), { action: 'register.remove', detail: { key: entry.key } });
    return { message: `${entry.label} removed from the register.` };
  })();
}

export function updateRegister(ctx: Context, input: Input<'register.update'>): Output<'register.update'> {
  return ctx.db.transaction(() => {
    const before = readEntry(ctx.db, input.key);
    if (!before) throw new CoreError('NOT_FOUND', 'That field is not in the register.');
    const after: RegisterEntry = {
      ...before,
      priority: input.priority ?? before.priority,
      purpose: input.purpose ?? before.purpose,
      lawful_basis: input.lawful_basis === undefined ? before.lawful_basis : input.lawful_basis,
      retention_months: input.retention_months ?? before.retention_months,
      see_roles: input.see_roles ? [...new Set(input.see_roles)] : before.see_roles,
      edit_roles: input.edit_roles ? [...new Set(input.edit_roles)] : before.edit_roles,
      sources: input.sources ?? before.sources,
    };
    checkCollectable(after);
    if (input.choices) after.choices = editChoices(ctx, before, input.choices);
    updateField(ctx.db, after, ctx.now(), ctx.session.user.id);
    const changed = (Object.keys(input) as (keyof typeof input)[]).filter(
      (k) => k !== 'key' && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'register.update',
      detail: { key: input.key, changed, priority: after.priority },
    });
    // The counters already know how many records hold the field: no scan to say what is kept.
    const stored = filledCount(ctx.db, input.key);
    const entry = readEntry(ctx.db, input.key) as RegisterEntry;
    return { entry, message: changeMessage(before, entry, stored) };
  })();
}

const EXPORT_HEADERS = [
  'Field',
  'Category',
  'Priority',
  'Purpose',
  'Lawful basis',
  'Retention (months)',
  'Who may see',
  'Who may edit',
  'Usual sources',
  'Kind of value',
  'Choices',
] as const;

function exportCells(e: RegisterEntry): string[] {
  return [
    e.label,
    CATEGORY_LABELS[e.category],
    PRIORITY_LABELS[e.priority],
    e.purpose,
    e.lawful_basis ? BASIS_LABELS[e.lawful_basis] : '',
    String(e.retention_months),
    e.see_roles.join(', '),
    e.edit_roles.join(', '),
    e.sources,
    e.kind === null ? 'Built in' : `${KIND_LABELS[e.kind]}${e.custom ? ' (added by us)' : ''}`,
    e.choices.join(', '),
  ];
}

export async function exportRegister(
  ctx: Context,
  input: Input<'register.export'>,
): Promise<Output<'register.export'>> {
  const entries = readRegister(ctx.db);
  const day = ctx.now().slice(0, 10);
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'register.export',
    detail: { format: input.format, fields: entries.length },
  });
  if (input.format === 'csv') {
    // A BOM so spreadsheets read it as UTF-8, as the customer exports do.
    const text = `\uFEFF${toCsv([[...EXPORT_HEADERS], ...entries.map(exportCells)])}`;
    return {
      filename: `what-we-collect-${day}.csv`,
      mime: 'text/csv',
      content_base64: Buffer.from(text, 'utf8').toString('base64'),
    };
  }
  const pdf = await renderPdf(
    'What we collect about customers, and why',
    `Information-requirements register, exported ${day}.`,
    entries.map((e) => {
      const cells = exportCells(e);
      return {
        heading: e.label,
        rows: EXPORT_HEADERS.slice(1).map((label, i) => ({ label, value: cells[i + 1] ?? '' })),
      };
    }),
  );
  return {
    filename: `what-we-collect-${day}.pdf`,
    mime: 'application/pdf',
    content_base64: Buffer.from(pdf).toString('base64'),
  };
}

/** Before a form save: every must-have is present, or the save is refused with field errors. */
export function checkMustHaves(ctx: Context, data: CustomerData, isNew = true): void {
  const errors = mustHaveErrors(data, askable(readRegister(ctx.db), ctx.session.user.role, !isNew));
  if (errors.length > 0) {
    throw new CoreError('INVALID_INPUT', 'Some must-have details are missing.', errors);
  }
}

/** The must-haves as they stand in the register, as SQL tests (see mustHaveTests). */
export function readMustHaveTests(db: DB): MustHaveTest[] {
  return mustHaveTests(readRegister(db).filter((e) => e.priority === 'must_have'));
}
