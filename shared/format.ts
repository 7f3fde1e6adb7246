// How counts and money read, everywhere: on screen, in the command line, in PDFs and in the audit
// log's plain words. One place, so "1,250 records" and "£1,234.50" are written the same way by
// every part of the app. Money is whole pence (sums are exact); pounds are only for people.

/** "1,250": a count on its own, as a chart's axis or a table cell prints it. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/** "1 record", "1,250 records"; `many` for a plural that is not just an added s ("1 person", "3 people"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const pounds = (pence: number) =>
  `£${(Math.abs(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** "£1,234.50"; "-£3.00" for a negative sum (a net total). */
export function formatMoney(pence: number): string {
  return pence < 0 ? `-${pounds(pence)}` : pounds(pence);
}

/** One purchase's amount: "£12.50", or "refund £12.50" for a negative amount. */
export function formatPence(pence: number): string {
  return pence < 0 ? `refund ${pounds(pence)}` : pounds(pence);
}

/** Pence as pounds to edit in a box: "1234.50" (no symbol, no grouping). */
export function penceToPounds(pence: number): string {
  return (pence / 100).toFixed(2);
}

/**
 * Pounds as people and exports write them → whole pence; null when it is not money. "£1,234.50",
 * "12.5", "-3", "GBP 7", "(3.00)" (an accountant's refund); spaces anywhere are ignored. One
 * reading for the purchase form, purchases imported from a file and the sources' costs.
 */
export function poundsToPence(text: string): number | null {
  let v = text.replace(/[\s,]/g, '').replace(/^(GBP|£)/i, '');
  let sign = 1;
  const bracketed = /^\((.*)\)$/.exec(v);
  if (bracketed) [sign, v] = [-1, bracketed[1] ?? ''];
  if (v.startsWith('-')) [sign, v] = [-sign, v.slice(1).replace(/^(GBP|£)/i, '')];
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v);
  if (!m) return null;
  return sign * (Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')));
}
