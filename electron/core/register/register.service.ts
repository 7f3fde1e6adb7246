// The information-requirements register in the core: reading and changing it (validated and
// audited), exporting it as the organisation's record of what it collects and why, enforcing
// must-haves on every form save, and listing the records that lack one.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { Role } from '../../../shared/contract/roles';
import { toCsv } from '../../../shared/csv';
import type { CustomerData } from '../../../shared/customer';
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import {
  BASIS_LABELS,
  BASIS_REQUIRED_MESSAGE,
  CATEGORY_LABELS,
  mustHaveErrors,
  PRIORITY_LABELS,
  type RegisterEntry,
} from '../../../shared/register';
import { appendAudit, appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { prepare, run, sql } from '../db/sql';
import { readFieldCounts } from '../profile/completeness.service';
import { renderPdf } from '../requests/pdf';

type Row = Omit<RegisterEntry, 'see_roles' | 'edit_roles' | 'updated_by'> & {
  see_roles: string;
  edit_roles: string;
  updated_by: string | null;
};

const SELECT = `
  SELECT r.key, r.label, r.category, r.priority, r.purpose, r.lawful_basis, r.retention_months,
    r.see_roles, r.edit_roles, r.sources, r.updated_at, u.name AS updated_by
  FROM register_fields r LEFT JOIN users u ON u.id = r.updated_by`;

function toEntry(row: Row): RegisterEntry {
  return {
    ...row,
    see_roles: JSON.parse(row.see_roles) as Role[],
    edit_roles: JSON.parse(row.edit_roles) as Role[],
    updated_by: row.updated_by ?? '',
  };
}

export function readRegister(db: DB): RegisterEntry[] {
  return (prepare(db, `${SELECT} ORDER BY r.position`).all() as Row[]).map(toEntry);
}

function readEntry(db: DB, key: string): RegisterEntry | undefined {
  const row = prepare(db, `${SELECT} WHERE r.key = ?`).get(key) as Row | undefined;
  return row && toEntry(row);
}

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
    // Anything still collected must say on what basis (UK GDPR art. 6); a retired field may keep its.
    if (after.priority !== 'not_collected' && after.lawful_basis === null) {
      throw new CoreError('INVALID_INPUT', BASIS_REQUIRED_MESSAGE, [
        { path: 'lawful_basis', message: BASIS_REQUIRED_MESSAGE },
      ]);
    }
    run(
      ctx.db,
      sql`UPDATE register_fields SET priority = ${after.priority}, purpose = ${after.purpose},
            lawful_basis = ${after.lawful_basis}, retention_months = ${after.retention_months},
            see_roles = ${JSON.stringify(after.see_roles)}, edit_roles = ${JSON.stringify(after.edit_roles)},
            sources = ${after.sources}, updated_at = ${ctx.now()}, updated_by = ${ctx.session.user.id}
          WHERE key = ${input.key}`,
    );
    const changed = (Object.keys(input) as (keyof typeof input)[]).filter(
      (k) => k !== 'key' && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'register.update',
      detail: { key: input.key, changed, priority: after.priority },
    });
    // The counters already know how many records hold the field: no scan to say what is kept.
    const stored = readFieldCounts(ctx.db).get(input.key) ?? 0;
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
export function checkMustHaves(ctx: Context, data: CustomerData): void {
  const errors = mustHaveErrors(data, readRegister(ctx.db));
  if (errors.length > 0) {
    throw new CoreError('INVALID_INPUT', 'Some must-have details are missing.', errors);
  }
}

type MissingRow = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  email: string;
  phone: string;
  postcode: string;
  town: string;
  archived: number;
} & Record<string, unknown>;

/**
 * Records that lack a must-have, most recently updated first. A scan with a LIMIT over the
 * summary columns (the same ones the completeness counters read); the column names come from
 * shared/fields.ts, never from input, so splicing them into the text is safe.
 */
export function listMissing(ctx: Context, input: Input<'customers.missing'>): Output<'customers.missing'> {
  const limit = input.limit ?? 200;
  const must = readRegister(ctx.db).filter((e) => e.priority === 'must_have');
  const fields = must.flatMap((e) =>
    COMPLETENESS_FIELDS.filter((f) => f.key === e.key).map((f) => ({ column: f.column, label: e.label })),
  );
  if (fields.length === 0) return { items: [], capped: false, must_haves: [] };
  const empty = (column: string) => `coalesce(${column}, '') = ''`;
  const flags = fields.map((f, i) => `${empty(f.column)} AS m${i}`).join(', ');
  const rows = prepare(
    ctx.db,
    `SELECT id, coalesce(ref, '') AS ref, title, given_name, family_name, preferred_name, archived,
       summary_email AS email, summary_phone AS phone, summary_postcode AS postcode, summary_town AS town, ${flags}
     FROM customers
     WHERE (archived = 0 OR ?) AND (${fields.map((f) => empty(f.column)).join(' OR ')})
     ORDER BY updated_at DESC, id DESC LIMIT ?`,
  ).all(input.include_archived ? 1 : 0, limit + 1) as MissingRow[];
  // A list of people is a read of personal data, recorded like a search.
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customers.missing',
    detail: { results: Math.min(rows.length, limit) },
  });
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      ref: r.ref,
      title: r.title,
      given_name: r.given_name,
      family_name: r.family_name,
      preferred_name: r.preferred_name,
      email: r.email,
      phone: r.phone,
      postcode: r.postcode,
      town: r.town,
      archived: r.archived === 1,
      missing: fields.filter((_, i) => r[`m${i}`] === 1).map((f) => f.label),
    })),
    capped: rows.length > limit,
    must_haves: must.map((e) => e.label),
  };
}
