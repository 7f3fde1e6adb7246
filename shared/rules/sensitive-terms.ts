// The configurable part of the guard against what must not be kept: the words that hint at a
// special category of personal data (UK GDPR Art. 9) and the identity-number patterns. Form and
// core both read this one module, so changing a list changes both at once. Matching is
// case-insensitive on whole words; a multi-word entry matches with any spacing.

export type SensitiveKind =
  | 'health'
  | 'religion'
  | 'ethnicity'
  | 'sex_life'
  | 'politics'
  | 'trade_union'
  | 'biometrics'
  | 'national_insurance'
  | 'passport';

export const SENSITIVE_LABELS: Record<SensitiveKind, string> = {
  health: 'health',
  religion: 'religion or belief',
  ethnicity: 'racial or ethnic origin',
  sex_life: 'sex life or sexual orientation',
  politics: 'political opinions',
  trade_union: 'trade union membership',
  biometrics: 'biometric or genetic data',
  national_insurance: 'a national insurance number',
  passport: 'a passport or identity document number',
};

/** Words and phrases per special category. Deliberately specific: these are warnings, not refusals. */
export const SENSITIVE_KEYWORDS: Record<
  Exclude<SensitiveKind, 'national_insurance' | 'passport'>,
  readonly string[]
> = {
  health: [
    'health',
    'medical',
    'medication',
    'diagnosis',
    'diagnosed',
    'illness',
    'disability',
    'disabled',
    'pregnant',
    'pregnancy',
    'cancer',
    'diabetes',
    'diabetic',
    'hiv',
    'asthma',
    'epilepsy',
    'epileptic',
    'dementia',
    'alzheimer',
    'depression',
    'mental health',
    'wheelchair',
    'allergy',
    'allergic',
    'surgery',
    'hospital',
    'therapy',
    'autism',
    'autistic',
    'hearing aid',
    'partially sighted',
    'deaf',
  ],
  religion: [
    'religion',
    'religious',
    'christian',
    'muslim',
    'islam',
    'jewish',
    'judaism',
    'hindu',
    'sikh',
    'buddhist',
    'atheist',
    'catholic',
    'protestant',
    'mosque',
    'synagogue',
    'gurdwara',
    'halal',
    'kosher',
    'ramadan',
    'jehovah',
  ],
  ethnicity: [
    'ethnicity',
    'ethnic',
    'ethnic origin',
    'racial',
    'gypsy',
    'roma',
    'romany',
    'irish traveller',
    'asian',
    'african',
    'caribbean',
  ],
  sex_life: [
    'gay',
    'lesbian',
    'bisexual',
    'homosexual',
    'heterosexual',
    'sexual orientation',
    'sexuality',
    'sex life',
    'queer',
    'lgbt',
    'lgbtq',
  ],
  politics: [
    'political',
    'politics',
    'labour party',
    'labour voter',
    'conservative party',
    'tory',
    'tories',
    'liberal democrat',
    'lib dem',
    'green party',
    'reform uk',
    'snp',
    'plaid cymru',
    'party member',
    'votes for',
    'voted for',
  ],
  trade_union: [
    'trade union',
    'union member',
    'union membership',
    'unison',
    'unite union',
    'gmb',
    'rmt',
    'nasuwt',
    'shop steward',
  ],
  biometrics: [
    'biometric',
    'biometrics',
    'fingerprint',
    'fingerprints',
    'facial recognition',
    'face scan',
    'retina',
    'iris scan',
    'dna',
    'genetic',
    'genetics',
    'genome',
  ],
};

/**
 * UK national insurance number: two prefix letters (never D, F, I, Q, U or V; O not second; the
 * administrative prefixes BG, GB, KN, NK, NT, TN and ZZ never issued), six digits, suffix A–D.
 */
export const NINO_PATTERN =
  /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi;

/** The word passport (or "ID card") near a document-number-like token that contains digits. */
export const PASSPORT_PATTERN =
  /\b(?:passport|id card|identity card)\b(?:\s*(?:no\.?|number|num|#|:))?[\s:#.-]{0,6}(?=[A-Z0-9]{0,8}\d)[A-Z0-9]{6,9}\b/gi;
