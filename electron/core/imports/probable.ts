// Rows of an import that are probably an existing customer although nothing matches exactly
// (another email, a misspelt name, a moved house): found and scored exactly as the duplicate
// review and the counter check do (duplicates/draft-matches.ts findDraftMatches: candidates through
// the search index's terms, then compare.ts), so one rule decides "probably the same person"
// everywhere. Each row costs a few index look-ups, never a pass over the file's customers.
import type { ProbableMatch } from '../../../shared/contract/imports';
import type { CustomerData } from '../../../shared/customer';
import type { DB } from '../db/open';
import { findDraftMatches } from '../duplicates/draft-matches';
import { readLabels } from '../duplicates/duplicates.queries';

export type Probable = ProbableMatch['candidate'];

/** The existing record a row most probably describes, with the reasons; null when none is likely. */
export function createProbableFinder(db: DB): (data: CustomerData) => Probable | null {
  return (data) => {
    const best = findDraftMatches(db, data, undefined, 1)[0];
    if (!best) return null;
    const label = readLabels(db, [best.id]).get(best.id);
    return { id: best.id, ref: label?.ref ?? '', name: label?.name ?? '', score: best.score, reasons: best.reasons };
  };
}

/** What identifies the row's person at a glance, beside the record it probably is. */
export function rowDetails(d: CustomerData): { name: string; details: string } {
  const name = [d.preferred_name || d.given_name, d.family_name].filter(Boolean).join(' ') || '(no name)';
  const details = [
    d.emails[0]?.address,
    d.phones[0]?.number,
    d.addresses[0]?.postcode,
    d.date_of_birth && `born ${d.date_of_birth}`,
  ]
    .filter(Boolean)
    .join(', ');
  return { name, details };
}
