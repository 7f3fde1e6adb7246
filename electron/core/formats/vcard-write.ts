// vCard 4.0 (RFC 6350) writing, shared by the handover files and the customer export: text
// escaping, folding at 75 octets, CRLF line ends.
import type { Customer } from '../../../shared/customer';

/** vCard text escaping (RFC 6350 §3.4): backslash, line breaks and commas in every text value. */
const escapeVcard = (v: string) => v.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/,/g, '\\,');

/** A component of a structured value (N, ADR), where a semicolon separates components. */
const escapeComponent = (v: string) => escapeVcard(v).replace(/;/g, '\\;');

function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** Which parts of the record go on the card. */
type VcardParts = {
  name: boolean;
  ref: boolean;
  emails: boolean;
  phones: boolean;
  addresses: boolean;
  date_of_birth: boolean;
  notes: boolean;
  /** ORG and TITLE: the organisation a person belongs to and their role (handover only). */
  organisation?: boolean;
};

export function toVcard4(c: Customer, parts: VcardParts): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0'];
  if (parts.name) {
    lines.push(
      `FN:${escapeVcard([c.title, c.preferred_name || c.given_name, c.family_name].filter(Boolean).join(' '))}`,
    );
    lines.push(`N:${[c.family_name, c.given_name, '', c.title, ''].map(escapeComponent).join(';')}`);
    if (c.preferred_name) lines.push(`NICKNAME:${escapeVcard(c.preferred_name)}`);
  } else {
    lines.push(`FN:${escapeVcard(c.ref ? `Customer ${c.ref}` : 'Customer')}`);
  }
  if (parts.ref && c.ref) lines.push(`UID:${escapeVcard(`custodian:${c.ref}`)}`);
  if (parts.emails) for (const e of c.emails) lines.push(`EMAIL:${escapeVcard(e.address)}`);
  if (parts.phones) for (const p of c.phones) lines.push(`TEL;VALUE=uri:tel:${p.e164}`);
  if (parts.addresses) {
    for (const a of c.addresses) {
      // Two street lines as RFC 6350 allows (a line break), so readers can split them again.
      const street = [a.line1, a.line2].filter(Boolean).join('\n');
      lines.push(`ADR:${['', '', street, a.town, a.region, a.postcode, a.country].map(escapeComponent).join(';')}`);
    }
  }
  if (parts.date_of_birth && c.date_of_birth) lines.push(`BDAY:${c.date_of_birth.replace(/-/g, '')}`);
  if (parts.notes && c.notes) lines.push(`NOTE:${escapeVcard(c.notes)}`);
  if (parts.organisation) {
    const org = c.kind === 'organisation' ? c.organisation_name : (c.organisation?.name ?? '');
    if (org) lines.push(`ORG:${escapeComponent(org)}`);
    if (c.kind !== 'organisation' && c.job_title) lines.push(`TITLE:${escapeVcard(c.job_title)}`);
  }
  lines.push('END:VCARD');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
