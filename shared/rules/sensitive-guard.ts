// Hints that free text holds special-category data or an identity number. Unlike a card number
// (refused outright, card-guard.ts) these may be kept — but only knowingly: the form shows each
// hint as a warning and the core refuses to save until someone confirms a lawful basis or
// removes the words. The lists themselves are in sensitive-terms.ts.
import {
  NINO_PATTERN,
  PASSPORT_PATTERN,
  SENSITIVE_KEYWORDS,
  SENSITIVE_LABELS,
  type SensitiveKind,
} from './sensitive-terms';

type SensitiveHint = { kind: SensitiveKind; label: string; match: string };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression per category, built once: whole words, any spacing, any case. */
const KEYWORD_PATTERNS = Object.entries(SENSITIVE_KEYWORDS).map(([kind, words]) => {
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.trim().split(/\s+/).map(escapeRegExp).join('\\s+'));
  // Letters either side would make it part of another word ("grace", "unisonic"): not a hint.
  return {
    kind: kind as SensitiveKind,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu'),
  };
});

/** Every category the text hints at, once each, with the first words that triggered it. */
export function findSensitiveHints(text: string): SensitiveHint[] {
  if (!text) return [];
  const hints: SensitiveHint[] = [];
  const add = (kind: SensitiveKind, pattern: RegExp) => {
    pattern.lastIndex = 0;
    const m = pattern.exec(text);
    pattern.lastIndex = 0;
    if (m) hints.push({ kind, label: SENSITIVE_LABELS[kind], match: m[0] });
  };
  for (const { kind, pattern } of KEYWORD_PATTERNS) add(kind, pattern);
  add('national_insurance', NINO_PATTERN);
  add('passport', PASSPORT_PATTERN);
  return hints;
}

/** The message on the notes field when hints are there and nobody has confirmed them. */
export function sensitiveMessage(hints: readonly SensitiveHint[]): string {
  const what = hints.map(
    (h) => `${h.label} ("${h.kind === 'national_insurance' || h.kind === 'passport' ? 'number' : h.match}")`,
  );
  return `This may record ${what.join(', ')}. Remove it, or confirm it is needed and give a lawful basis.`;
}

/** Conditions for keeping special-category data (UK GDPR Art. 9(2)) that fit a small organisation. */
export const SPECIAL_CATEGORY_BASES = [
  'explicit_consent',
  'vital_interests',
  'not_for_profit_members',
  'made_public_by_customer',
  'legal_claims',
  'substantial_public_interest',
  'health_or_social_care',
] as const;
export type SpecialCategoryBasis = (typeof SPECIAL_CATEGORY_BASES)[number];

export const SPECIAL_CATEGORY_BASIS_LABELS: Record<SpecialCategoryBasis, string> = {
  explicit_consent: 'Explicit consent from the customer',
  vital_interests: 'Vital interests (to protect someone’s life)',
  not_for_profit_members: 'Not-for-profit body, about its members',
  made_public_by_customer: 'Made public by the customer',
  legal_claims: 'Legal claims',
  substantial_public_interest: 'Substantial public interest (e.g. safeguarding)',
  health_or_social_care: 'Health or social care',
};
