// 0006: the information-requirements register, one row per built-in field, seeded with sensible
// defaults (shared/register.ts). The register only describes and steers the forms: changing a
// row never touches stored customer values, so a retired field's data stays until erased.
import { COMPLETENESS_FIELDS } from '../../../../shared/fields';
import { DEFAULT_EDIT_ROLES, DEFAULT_SEE_ROLES, REGISTER_SEEDS } from '../../../../shared/register';
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    -- IF NOT EXISTS / OR IGNORE: re-running over a file that already has the register (a file
    -- taken back to an older format by hand) keeps the organisation's choices.
    CREATE TABLE IF NOT EXISTS register_fields (
      key TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      label TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN
        ('contact','geographic','demographic','psychographic','buying_pattern','service')),
      priority TEXT NOT NULL CHECK (priority IN ('must_have','nice_to_know','not_collected')),
      purpose TEXT NOT NULL DEFAULT '',
      lawful_basis TEXT CHECK (lawful_basis IN ('consent','contract','legitimate_interests',
        'legal_obligation','vital_interests','public_task')),
      retention_months INTEGER NOT NULL CHECK (retention_months > 0),
      see_roles TEXT NOT NULL,          -- JSON array of roles
      edit_roles TEXT NOT NULL,         -- JSON array of roles
      sources TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL DEFAULT '',
      updated_by INTEGER REFERENCES users(id),
      -- A collected field always says on what basis it is held.
      CHECK (priority = 'not_collected' OR lawful_basis IS NOT NULL)
    ) STRICT;
  `);
  const insert = db.prepare(`INSERT OR IGNORE INTO register_fields
    (key, position, label, category, priority, purpose, lawful_basis, retention_months, see_roles, edit_roles, sources)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  COMPLETENESS_FIELDS.forEach((f, i) => {
    const seed = REGISTER_SEEDS[f.key];
    insert.run(
      f.key,
      i,
      f.label,
      seed.category,
      seed.priority,
      seed.purpose,
      seed.lawful_basis,
      seed.retention_months,
      JSON.stringify(seed.see_roles ?? DEFAULT_SEE_ROLES),
      JSON.stringify(seed.edit_roles ?? DEFAULT_EDIT_ROLES),
      seed.sources,
    );
  });
}
