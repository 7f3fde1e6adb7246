// The built-in fields are described once (shared/fields.ts); every list the app keeps of them is
// derived from that catalogue. These tests check each derived list against the catalogue, and
// that a field added to a catalogue shows up in every derivation it asks for.
import { describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS } from '../../shared/columns';
import { IMPORT_TARGETS, TARGET_LABELS } from '../../shared/contract/imports';
import {
  BLANK_TEXT,
  BUILT_IN_FIELDS,
  blankText,
  COMPLETENESS_FIELDS,
  exportCells,
  exportColumns,
  FIELD_LABELS,
  handoverRegisterKeys,
  IMPORT_HEADERS,
  importHeaders,
  importOnlyFields,
  labelsOf,
  personOnlyFields,
  registerFields,
  textFields,
} from '../../shared/fields';
import { HANDOVER_FIELDS, withheldFields } from '../../shared/handover';
import { MERGE_FIELD_LABELS, MERGE_FIELDS, mergedData } from '../../shared/merge';
import { PERSON_ONLY_FIELDS } from '../../shared/profile-details';
import { REGISTER_KEYS, REGISTER_SEEDS, RegisterEntry } from '../../shared/register';

const keysWhere = (test: (f: (typeof BUILT_IN_FIELDS)[number]) => boolean) =>
  BUILT_IN_FIELDS.filter(test).map((f) => f.key);

describe('the lists derived from the catalogue of built-in fields', () => {
  it('each key is one field, with a label', () => {
    const keys = BUILT_IN_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of BUILT_IN_FIELDS) expect(FIELD_LABELS[f.key]).toBe(f.label);
  });

  it('the export columns and CSV header are the exported fields, in catalogue order', () => {
    expect(CUSTOMER_COLUMNS).toEqual(keysWhere((f) => 'export' in f));
    // The file format the foundation wrote: a change here breaks files people already have.
    expect(CUSTOMER_COLUMNS).toEqual([
      'ref',
      'title',
      'given_name',
      'family_name',
      'email',
      'phone',
      'address_line1',
      'address_line2',
      'town',
      'region',
      'postcode',
      'country',
      'date_of_birth',
      'notes',
    ]);
  });

  it('an export row reads each column as the catalogue says', () => {
    const cells = exportCells({
      ref: 'M-1',
      title: 'Dr',
      given_name: 'Ann',
      family_name: 'Lee',
      date_of_birth: '1970-05-06',
      notes: 'Aisle.',
      emails: [{ address: 'ann@example.org' }, { address: 'second@example.org' }],
      phones: [{ number: '07700 900123' }],
      addresses: [
        { line1: '1 High St', line2: '', town: 'Leeds', region: 'West Yorks', postcode: 'LS1 4AB', country: 'GB' },
      ],
    });
    expect(Object.keys(cells)).toEqual(CUSTOMER_COLUMNS);
    expect(cells).toMatchObject({ email: 'ann@example.org', town: 'Leeds', region: 'West Yorks', notes: 'Aisle.' });
  });

  it('the import targets are the export columns, the import-only fields and the extras, each labelled', () => {
    expect(IMPORT_TARGETS).toEqual([
      ...CUSTOMER_COLUMNS,
      'full_name',
      ...keysWhere((f) => 'import' in f && !('export' in f)),
      'email_2',
      'phone_2',
    ]);
    for (const t of IMPORT_TARGETS) expect(TARGET_LABELS[t], t).toBeTruthy();
    for (const f of BUILT_IN_FIELDS) {
      if (f.key in TARGET_LABELS) expect(TARGET_LABELS[f.key as keyof typeof TARGET_LABELS]).toBe(f.label);
      expect(IMPORT_HEADERS[f.key], f.key).toEqual(f.headers);
    }
  });

  it('the merge chooses between the record’s own text fields, and the form starts them blank', () => {
    expect(MERGE_FIELDS).toEqual(keysWhere((f) => 'text' in f && f.text));
    expect(Object.keys(MERGE_FIELD_LABELS)).toEqual(MERGE_FIELDS);
    expect(BLANK_TEXT).toEqual(Object.fromEntries(MERGE_FIELDS.map((k) => [k, ''])));
    const side = {
      ...BLANK_TEXT,
      emails: [],
      phones: [],
      addresses: [],
      updated_at: '2025-01-01',
      verified_at: '2025-01-01',
    };
    const merged = mergedData({ ...side, ref: 'M-1' }, { ...side, title: 'Dr', notes: 'x' });
    expect(merged).toMatchObject({ ref: 'M-1', title: 'Dr', notes: 'x' });
    for (const k of MERGE_FIELDS) expect(merged).toHaveProperty(k);
  });

  it('every register field is carried by one handover field, and withholding follows it', () => {
    const carried = HANDOVER_FIELDS.flatMap((h) => h.register);
    expect([...carried].sort()).toEqual([...REGISTER_KEYS].sort());
    expect(withheldFields(['postcode'])).toEqual(['addresses']);
    expect(withheldFields(['preferred_name'])).toEqual(['name']);
  });

  it('the register and the completeness table list the register fields in register order, with valid seeds', () => {
    expect(COMPLETENESS_FIELDS.map((f) => f.key)).toEqual(REGISTER_KEYS);
    expect([...REGISTER_KEYS].sort()).toEqual(keysWhere((f) => 'register' in f).sort());
    expect(REGISTER_KEYS).toEqual([
      'given_name',
      'family_name',
      'title',
      'preferred_name',
      'email',
      'phone',
      'postcode',
      'town',
      'date_of_birth',
      'ref',
      'notes',
    ]);
    const Seed = RegisterEntry.pick({
      category: true,
      priority: true,
      purpose: true,
      lawful_basis: true,
      retention_months: true,
      sources: true,
    }).strict();
    for (const key of REGISTER_KEYS) expect(Seed.safeParse(REGISTER_SEEDS[key]).success, key).toBe(true);
  });

  it('the person-only fields are the catalogue’s', () => {
    expect(PERSON_ONLY_FIELDS).toEqual(keysWhere((f) => 'personOnly' in f && f.personOnly));
  });
});

describe('a field added to the catalogue', () => {
  const added = [
    ...BUILT_IN_FIELDS,
    {
      key: 'pronouns',
      label: 'Pronouns',
      text: true,
      export: (c: { notes: string }) => c.notes,
      headers: ['pronouns', 'pronoun'],
      handover: 'name',
      personOnly: true,
      register: {
        position: 11,
        column: 'pronouns',
        category: 'contact',
        priority: 'nice_to_know',
        purpose: 'To address the customer as they wish.',
        lawful_basis: 'consent',
        retention_months: 72,
        sources: 'Customer',
      },
    },
    { key: 'nickname_only', label: 'Known as', import: true, headers: ['aka'] },
  ];

  it('appears in every list derived from it', () => {
    expect(exportColumns(added)).toEqual([...CUSTOMER_COLUMNS, 'pronouns']);
    expect(textFields(added)).toEqual([...MERGE_FIELDS, 'pronouns']);
    expect(blankText(added)).toMatchObject({ pronouns: '' });
    expect(importOnlyFields(added)).toEqual(['preferred_name', 'nickname_only']);
    expect(importHeaders(added)).toMatchObject({ pronouns: ['pronouns', 'pronoun'], nickname_only: ['aka'] });
    expect(handoverRegisterKeys(added, 'name')).toEqual([
      'title',
      'given_name',
      'family_name',
      'preferred_name',
      'pronouns',
    ]);
    expect(registerFields(added).map((f) => f.key)).toEqual([...REGISTER_KEYS, 'pronouns']);
    expect(personOnlyFields(added)).toContain('pronouns');
    expect(labelsOf(added)).toMatchObject({ pronouns: 'Pronouns', nickname_only: 'Known as' });
  });
});
