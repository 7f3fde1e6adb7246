// The files a handover can take: CSV, vCard 4.0, a JSON pack, a PDF summary, or the JSON pack
// encrypted with a separate passphrase (OpenPGP, so GnuPG, Kleopatra or any OpenPGP tool opens it).
import * as openpgp from 'openpgp';
import { toCsv } from '../../../shared/csv';
import type { Customer } from '../../../shared/customer';
import { type HandoverField, selectFields } from '../../../shared/handover';
import { renderPdf } from './pdf';

export type Pack = {
  generated_at: string;
  request: { id: number; requester: string; reason: string; lawful_basis: string };
  customer_id: number;
  fields: Record<string, string>;
};

export function buildPack(c: Customer, fields: readonly HandoverField[], request: Pack['request'], now: string): Pack {
  return {
    generated_at: now,
    request,
    customer_id: c.id,
    fields: Object.fromEntries(selectFields(c, fields).map((f) => [f.key, f.value])),
  };
}

export function toHandoverCsv(c: Customer, fields: readonly HandoverField[]): string {
  const selected = selectFields(c, fields);
  return toCsv([selected.map((f) => f.label), selected.map((f) => f.value)]);
}

/** vCard text escaping (RFC 6350 §3.4) and folding at 75 octets. */
const esc = (v: string) =>
  v
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/([,;])/g, '\\$1');

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

export function toVcard(c: Customer, fields: readonly HandoverField[]): string {
  const has = (f: HandoverField) => fields.includes(f);
  const lines = ['BEGIN:VCARD', 'VERSION:4.0'];
  if (has('name')) {
    lines.push(`FN:${esc([c.title, c.preferred_name || c.given_name, c.family_name].filter(Boolean).join(' '))}`);
    lines.push(`N:${[c.family_name, c.given_name, '', c.title, ''].map(esc).join(';')}`);
    if (c.preferred_name) lines.push(`NICKNAME:${esc(c.preferred_name)}`);
  } else {
    lines.push(`FN:${esc(c.ref ? `Customer ${c.ref}` : 'Customer')}`);
  }
  if (has('ref') && c.ref) lines.push(`UID:${esc(`custodian:${c.ref}`)}`);
  if (has('emails')) for (const e of c.emails) lines.push(`EMAIL:${esc(e.address)}`);
  if (has('phones')) for (const p of c.phones) lines.push(`TEL;VALUE=uri:tel:${p.e164}`);
  if (has('addresses')) {
    for (const a of c.addresses) {
      const street = [a.line1, a.line2].filter(Boolean).join(', ');
      lines.push(`ADR:${['', '', street, a.town, a.region, a.postcode, a.country].map(esc).join(';')}`);
    }
  }
  if (has('date_of_birth') && c.date_of_birth) lines.push(`BDAY:${c.date_of_birth.replace(/-/g, '')}`);
  if (has('notes') && c.notes) lines.push(`NOTE:${esc(c.notes)}`);
  lines.push('END:VCARD');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

export async function toSummaryPdf(
  c: Customer,
  fields: readonly HandoverField[],
  subtitle: string,
): Promise<Uint8Array> {
  const name = fields.includes('name') ? (selectFields(c, ['name'])[0]?.value ?? '') : `Customer ${c.ref || c.id}`;
  return renderPdf(name, subtitle, [{ heading: 'Customer information', rows: selectFields(c, fields) }]);
}

export async function encryptWithPassphrase(content: string, passphrase: string): Promise<string> {
  const message = await openpgp.createMessage({ text: content });
  return (await openpgp.encrypt({ message, passwords: [passphrase], format: 'armored' })) as string;
}
