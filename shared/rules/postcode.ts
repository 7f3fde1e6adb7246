// UK postcodes: validated and normalised ("sw1a1aa" → "SW1A 1AA"); other countries free text.

const UK = /^([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s*([0-9][A-Z]{2})$/;

export const UK_COUNTRIES = new Set([
  'GB',
  'UK',
  'UNITED KINGDOM',
  'GREAT BRITAIN',
  'ENGLAND',
  'SCOTLAND',
  'WALES',
  'NORTHERN IRELAND',
]);

export function isUkCountry(country: string | undefined | null): boolean {
  return !country || UK_COUNTRIES.has(country.trim().toUpperCase());
}

type PostcodeCheck = { ok: true; postcode: string } | { ok: false; message: string };

export function checkPostcode(typed: string, country?: string | null): PostcodeCheck {
  const value = typed.trim().toUpperCase().replace(/\s+/g, ' ');
  if (!isUkCountry(country)) return { ok: true, postcode: value };
  const match = UK.exec(value);
  if (!match) return { ok: false, message: 'This is not a UK postcode (for example SW1A 1AA).' };
  return { ok: true, postcode: `${match[1]} ${match[2]}` };
}

/** Compact form used by search: upper case, no space. */
export function compactPostcode(value: string): string {
  return value.toUpperCase().replace(/\s+/g, '');
}

/** Could the text be all or the start of a UK postcode ("sw1", "SW1A 1", "sw1a1aa")? */
export function looksLikePostcodeStart(value: string): boolean {
  return /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9]?[A-Z]{0,2}$/.test(compactPostcode(value));
}
