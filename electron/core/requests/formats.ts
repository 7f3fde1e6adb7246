// The files a handover can take: CSV, vCard 4.0, a JSON pack, a PDF summary, or the JSON pack
// encrypted with a separate passphrase (OpenPGP, so GnuPG, Kleopatra or any OpenPGP tool opens it).
// Each carries the chosen fields in words: a list field (purchases, consent, contacts) as one
// line an item in the PDF and the JSON, joined with "; " in a CSV cell.
import * as openpgp from 'openpgp';
import { toCsv } from '../../../shared/csv';
import type { Customer } from '../../../shared/customer';
import { type HandoverField, type HandoverSource, selectFields } from '../../../shared/handover';
import { toVcard4 } from '../formats/vcard-write';
import { type PdfSection, renderPdf } from './pdf';

type Pack = {
  generated_at: string;
  request: { id: number; requester: string; reason: string; lawful_basis: string };
  customer_id: number;
  /** By handover key: the value in words, or for a list field one line an item. */
  fields: Record<string, string | string[]>;
  /** Each field's label, by the same key. */
  labels: Record<string, string>;
};

export function buildPack(
  s: HandoverSource,
  fields: readonly HandoverField[],
  request: Pack['request'],
  now: string,
): Pack {
  const selected = selectFields(s, fields);
  return {
    generated_at: now,
    request,
    customer_id: s.customer.id,
    fields: Object.fromEntries(
      selected.map((f) => [f.key, f.items ? f.items.map((i) => `${i.label}: ${i.value}`) : f.value]),
    ),
    labels: Object.fromEntries(selected.map((f) => [f.key, f.label])),
  };
}

export function toHandoverCsv(s: HandoverSource, fields: readonly HandoverField[]): string {
  const selected = selectFields(s, fields);
  return toCsv([selected.map((f) => f.label), selected.map((f) => f.value)]);
}

/** Contact details only (the service refuses a vCard of anything else). */
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
    organisation: has('organisation'),
  });
}

export async function toSummaryPdf(
  s: HandoverSource,
  fields: readonly HandoverField[],
  subtitle: string,
): Promise<Uint8Array> {
  const selected = selectFields(s, fields);
  const name = selected.find((f) => f.key === 'name')?.value || `Customer ${s.customer.ref || s.customer.id}`;
  const single = selected.filter((f) => !f.items);
  const sections: PdfSection[] = [
    ...(single.length ? [{ heading: 'Customer information', rows: single }] : []),
    ...selected.filter((f) => f.items).map((f) => ({ heading: f.label, rows: f.items ?? [], empty: 'None recorded.' })),
  ];
  return renderPdf(name, subtitle, sections);
}

export async function encryptWithPassphrase(content: string, passphrase: string): Promise<string> {
  const message = await openpgp.createMessage({ text: content });
  return (await openpgp.encrypt({ message, passwords: [passphrase], format: 'armored' })) as string;
}
