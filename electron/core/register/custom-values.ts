// Values of the register-defined fields (custom and profile) in the core: checked against their
// definitions with the shared rules before a save, written in the save's transaction (audited
// with the field keys only), and read back for the roles the register lets see them. A save
// names only the fields it changes: a field left out — retired, hidden from this role, or simply
// not on the form — keeps its stored value.
import { CoreError, type FieldError } from '../../../shared/contract/result';
import {
  checkFieldValue,
  type FieldDefinition,
  type FieldKind,
  type FieldValue,
  readFieldValue,
} from '../../../shared/custom-fields';
import type { CustomerData } from '../../../shared/customer';
import { PRIORITY_LABELS, type RegisterEntry } from '../../../shared/register';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { dropValue, storeValue, writeValueProvenance } from '../customers/details.queries';
import { storedValues } from '../customers/images.queries';
import type { DB } from '../db/open';
import { readRegister } from './register.queries';

export type ValueField = RegisterEntry & FieldDefinition & { kind: FieldKind };

export function valueFields(db: DB): ValueField[] {
  return readRegister(db).filter((e): e is ValueField => e.kind !== null);
}

/** Every stored value of one record, typed (no role filter: callers decide what to show). */
export function readValues(db: DB, customerId: number, fields = valueFields(db)): Record<string, FieldValue> {
  const kinds = new Map(fields.map((f) => [f.key, f.kind]));
  const out: Record<string, FieldValue> = {};
  for (const row of storedValues(db, customerId)) {
    const kind = kinds.get(row.field_key);
    if (kind) out[row.field_key] = readFieldValue(kind, row.value);
  }
  return out;
}

/** The register-defined fields this person's role may not see, by the register's "who may see". */
export function hiddenValueFields(ctx: Context, fields = valueFields(ctx.db)): ValueField[] {
  const role = ctx.session.user.role;
  return fields.filter((f) => !f.see_roles.includes(role));
}

/** The values this person's role may see. */
function visibleValues(ctx: Context, customerId: number): Record<string, FieldValue> {
  const fields = valueFields(ctx.db);
  const values = readValues(ctx.db, customerId, fields);
  for (const f of hiddenValueFields(ctx, fields)) delete values[f.key];
  return values;
}

/** A record as the API returns it: with the register-defined values its reader may see. */
export function withValues<C extends { id: number }>(
  ctx: Context,
  customer: C,
): C & { fields: Record<string, FieldValue> } {
  return { ...customer, fields: visibleValues(ctx, customer.id) };
}

type Plan = {
  /** key → text to store (null: clear), only for values that change. */
  changes: Map<string, string | null>;
  /** The record's values after the save, for the must-have check. */
  after: Record<string, FieldValue>;
};

/**
 * Check the values a save brings against the register and the stored ones. Refuses (with an
 * error beside each field) a value of the wrong kind, an unknown field, a change to a field that
 * is no longer collected, and a change by a role the register does not let edit the field.
 */
export function planValues(
  ctx: Context,
  customerId: number | null,
  data: CustomerData,
  fields = valueFields(ctx.db),
): Plan {
  const stored = customerId === null ? {} : readValues(ctx.db, customerId, fields);
  const storedText = new Map<string, string>();
  if (customerId !== null) {
    for (const row of storedValues(ctx.db, customerId)) storedText.set(row.field_key, row.value);
  }
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const role = ctx.session.user.role;
  const errors: FieldError[] = [];
  const changes = new Map<string, string | null>();
  const after: Record<string, FieldValue> = { ...stored };
  for (const [key, raw] of Object.entries(data.fields ?? {})) {
    const path = `fields.${key}`;
    const field = byKey.get(key);
    if (!field) {
      errors.push({ path, message: 'This field is not in the register (it may have been removed).' });
      continue;
    }
    const checked = checkFieldValue(field, raw);
    if (!checked.ok) {
      errors.push({ path, message: checked.message });
      continue;
    }
    if (checked.stored === (storedText.get(key) ?? null)) continue;
    if (field.priority === 'not_collected') {
      errors.push({
        path,
        message: `${field.label} is ${PRIORITY_LABELS.not_collected.toLowerCase()}: its stored value is kept but cannot be changed.`,
      });
      continue;
    }
    // A new record may be filled by whoever signs the customer up; later changes follow the register.
    if (customerId !== null && !field.edit_roles.includes(role)) {
      errors.push({ path, message: `Your role may not change ${field.label}.` });
      continue;
    }
    changes.set(key, checked.stored);
    if (checked.stored === null) delete after[key];
    else after[key] = readFieldValue(field.kind, checked.stored);
  }
  if (errors.length > 0) throw new CoreError('INVALID_INPUT', 'Some values need correcting.', errors);
  return { changes, after };
}

/** The text values a save brings, for the special-category check (path → text). */
export function textValues(
  db: DB,
  data: CustomerData,
  fields?: readonly ValueField[],
): { path: string; text: string }[] {
  if (!data.fields) return [];
  const text = new Set((fields ?? valueFields(db)).filter((f) => f.kind === 'text').map((f) => f.key));
  return Object.entries(data.fields)
    .filter(([key, v]) => text.has(key) && typeof v === 'string' && v.trim() !== '')
    .map(([key, v]) => ({ path: `fields.${key}`, text: v as string }));
}

/** Write the planned changes (in the caller's transaction) and audit which fields changed. */
export function writeValues(ctx: Context, customerId: number, data: CustomerData, isNew: boolean): void {
  if (!data.fields) return;
  const { changes } = planValues(ctx, isNew ? null : customerId, data);
  if (changes.size === 0) return;
  for (const [key, value] of changes) {
    if (value === null) {
      dropValue(ctx.db, customerId, key);
    } else {
      storeValue(ctx.db, customerId, key, value, false);
    }
  }
  if (!isNew) {
    const origin = { source: data.collected_via ?? 'counter', importId: null };
    writeValueProvenance(ctx.db, customerId, changes, ctx.session.user.id, ctx.now(), origin);
  }
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customer.fields',
    entity: 'customer',
    entityId: customerId,
    // Which fields, never what they hold.
    detail: { fields: [...changes.keys()] },
  });
}
