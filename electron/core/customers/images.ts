// Images of stored customer rows, for undo (images.queries.ts reads and writes them): and an
// image with one field blanked, as an erasure of that value leaves the record.
import { customerTerms } from '../search/terms';
import type { CHILD_TABLES, CustomerImage } from './images.queries';

export {
  type CustomerImage,
  removeCustomer,
  restoreImage,
  restoreValues,
  type StoredValue,
  storedValues,
  takeImage,
} from './images.queries';

type Row = Record<string, unknown>;

/** The customers columns and child rows that hold each built-in register field. */
const IMAGE_FIELDS: Record<
  string,
  { column?: string; summary?: string; child?: keyof typeof CHILD_TABLES; part?: string }
> = {
  email: { summary: 'summary_email', child: 'emails' },
  phone: { summary: 'summary_phone', child: 'phones' },
  postcode: { summary: 'summary_postcode', child: 'addresses', part: 'postcode' },
  town: { summary: 'summary_town', child: 'addresses', part: 'town' },
};

/**
 * An image with one field's values blanked, as customers/erase.ts eraseValue leaves the record:
 * an undo image must not keep what was erased. Its stored search terms are worked out again so
 * they no longer name the value either.
 */
export function imageWithoutField(image: CustomerImage, key: string, builtIn: boolean): CustomerImage {
  if (!builtIn) return { ...image, values: image.values?.filter((v) => v.field_key !== key) };
  const customer: Row = { ...image.customer };
  const next: CustomerImage = { ...image, customer };
  const spec = IMAGE_FIELDS[key];
  if (!spec) customer[key] = key === 'ref' ? null : '';
  else {
    if (spec.summary) customer[spec.summary] = '';
    const child = spec.child as keyof typeof CHILD_TABLES;
    next[child] = spec.part ? image[child].map((row) => ({ ...row, [spec.part as string]: '' })) : [];
  }
  customer.terms = customerTerms({
    ref: String(customer.ref ?? ''),
    given_name: String(customer.given_name ?? ''),
    family_name: String(customer.family_name ?? ''),
    preferred_name: String(customer.preferred_name ?? ''),
    date_of_birth: String(customer.date_of_birth ?? ''),
    organisation_name: String(customer.organisation_name ?? ''),
    emails: next.emails.map((e) => ({ address: String(e.address ?? ''), label: '' })),
    phones: next.phones.map((p) => ({ number: String(p.number ?? ''), e164: String(p.e164 ?? ''), label: '' })),
    addresses: next.addresses.map((a) => ({ postcode: String(a.postcode ?? '') })),
  } as unknown as Parameters<typeof customerTerms>[0]).join(' ');
  return next;
}
