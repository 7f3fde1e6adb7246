// The audit log: who did what to which record, written in the same transaction as the change.
import type { DB } from '../db/open';
import { run, sql } from '../db/sql';

export type AuditEntry = {
  action: string;
  entity?: string;
  entityId?: number | null;
  detail?: Record<string, unknown>;
};

export function appendAudit(db: DB, userId: number | null, now: string, entry: AuditEntry): void {
  run(
    db,
    sql`INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail)
        VALUES (${now}, ${userId}, ${entry.action}, ${entry.entity ?? ''}, ${entry.entityId ?? null},
          ${entry.detail ? JSON.stringify(entry.detail) : ''})`,
  );
}
