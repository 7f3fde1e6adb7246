// The files a handover can take: CSV, vCard 4.0, a JSON pack, a PDF summary, or the JSON pack
// encrypted with a separate passphrase (OpenPGP, so GnuPG, Kleopatra or any OpenPGP tool opens it).
import * as openpgp from 'openpgp';
import { toCsv } from '../../../shared/csv';
import type { Customer } from '../../../shared/customer';
import { type HandoverField, selectFields } from '../../../shared/handover';
import { toVcard4 } from '../formats/vcard-write';
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

export function toVcard(c: Customer, fields: readonly HandoverField[]): string {
  const has = (f: HandoverField) => fields.includes(f);
  return toVcard4(c, {
    name: has('name'),
    ref: has('ref'),
    emails: has('emails'),
    phones: has('phones'),
    addresses: has('addresses'),
    date_of_birth: has('date_of_birth'),
    notes: has('notes'),
  });
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
