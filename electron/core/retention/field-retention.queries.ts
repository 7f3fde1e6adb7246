// Per-field retention as SQL: the values of one field collected before a cutoff, whose customer
// has had no activity since (retention/field-retention.ts applies the register's periods).
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import type { DB } from '../db/open';
import { all, ident, type Query, sql } from '../db/sql';

const COLUMNS = COMPLETENESS_FIELDS.map((f) => f.column);

/**
 * "This record holds a value in the field", per built-in register key, over customers `c`. Column
 * names come from shared/fields.ts through ident; email, phone, postcode and town look at every
 * entry, since erasing the field blanks them all.
 */
const HOLDS: Record<string, Query> = {
  ...Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f.key, sql`c.${ident(f.column, COLUMNS)} <> ''`])),
  ref: sql`coalesce(c.ref, '') <> ''`,
  email: sql`EXISTS (SELECT 1 FROM customer_emails x WHERE x.customer_id = c.id)`,
  phone: sql`EXISTS (SELECT 1 FROM customer_phones x WHERE x.customer_id = c.id)`,
  postcode: sql`EXISTS (SELECT 1 FROM customer_addresses x WHERE x.customer_id = c.id AND x.postcode <> '')`,
  town: sql`EXISTS (SELECT 1 FROM customer_addresses x WHERE x.customer_id = c.id AND x.town <> '')`,
};

/** A built-in field whose values can be found (and so erased) on their own. */
export const holdsTest = (key: string): boolean => HOLDS[key] !== undefined;

export type ExpiredRow = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  kind: string;
  organisation_name: string;
  collected_at: string;
  last_activity_at: string;
  last_activity: string;
  open_request: number | null;
};

/**
 * The values of one field collected before the cutoff, in record order (`builtIn`: a column of the
 * record; otherwise a register-defined value). A value's collection is never before its record's
 * creation, so newer records are passed over at once; a register-defined field is read from its
 * own values (indexed by field), not from every record. No count and no sort over the whole file:
 * the review takes the first ones and says when there are more. `onlyId`: that record alone.
 */
export function expiredValues(
  db: DB,
  field: { key: string; builtIn: boolean },
  cutoff: string,
  limit: number,
  onlyId?: number,
): ExpiredRow[] {
  const holds = HOLDS[field.key];
  const source = field.builtIn
    ? sql`FROM customers c LEFT JOIN value_provenance p ON p.customer_id = c.id AND p.field_key = ${field.key}
        WHERE c.created_at < ${cutoff} AND coalesce(p.collected_at, c.created_at) < ${cutoff}
          AND c.last_activity_at < ${cutoff} AND ${holds ?? sql`0`}`
    : sql`FROM customer_values v JOIN customers c ON c.id = v.customer_id
        LEFT JOIN value_provenance p ON p.customer_id = c.id AND p.field_key = v.field_key
        WHERE v.field_key = ${field.key} AND c.created_at < ${cutoff} AND coalesce(p.collected_at, c.created_at) < ${cutoff}
          AND c.last_activity_at < ${cutoff}`;
  const one = onlyId === undefined ? sql`` : sql` AND c.id = ${onlyId}`;
  return all(
    db,
    sql`SELECT c.id, coalesce(c.ref, '') AS ref, c.title, c.given_name, c.family_name, c.preferred_name, c.kind,
          c.organisation_name, coalesce(p.collected_at, c.created_at) AS collected_at, c.last_activity_at, c.last_activity,
          (SELECT min(r.id) FROM info_requests r WHERE r.customer_id = c.id
            AND r.status NOT IN ('confirmed', 'refused')) AS open_request
        ${source}${one} ORDER BY c.id LIMIT ${limit}`,
  );
}
