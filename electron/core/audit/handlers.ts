// Reading and checking the audit trail, and the owner's warnings about it.
import type { Handlers } from '../context';
import { verifyAudit } from './audit';
import { listAuditEntries } from './audit.service';

export const handlers: Handlers<'audit'> = {
  'audit.list': listAuditEntries,
  'audit.verify': (ctx) => verifyAudit(ctx.db),
  'audit.warnings': (ctx) => ({ warnings: ctx.vault.auditWarnings() }),
  'audit.acknowledge': (ctx) => ({ warnings: ctx.vault.acknowledgeAudit(ctx.session.user.id) }),
};
