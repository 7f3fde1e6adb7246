// The shared rules for register-defined fields, used by the form and the core alike.
import { describe, expect, it } from 'vitest';
import {
  checkFieldValue,
  choicesProblem,
  type FieldDefinition,
  fieldText,
  keyFromLabel,
  labelClash,
  readFieldValue,
} from '../../shared/custom-fields';
import { fieldPath, fieldValue, mustHaveErrors } from '../../shared/register';

const def = (kind: FieldDefinition['kind'], choices: string[] = []): FieldDefinition => ({
  key: 'cf_x',
  label: 'X',
  kind,
  choices,
});

describe('checkFieldValue', () => {
  it('normalises good values of every kind to the text stored', () => {
    expect(checkFieldValue(def('text'), '  two  words ')).toEqual({ ok: true, stored: 'two  words' });
    expect(checkFieldValue(def('number'), ' -3.50 ')).toEqual({ ok: true, stored: '-3.5' });
    expect(checkFieldValue(def('number'), 7)).toEqual({ ok: true, stored: '7' });
    expect(checkFieldValue(def('date'), '2024-02-29')).toEqual({ ok: true, stored: '2024-02-29' });
    expect(checkFieldValue(def('yes_no'), false)).toEqual({ ok: true, stored: 'no' });
    expect(checkFieldValue(def('yes_no'), 'Yes')).toEqual({ ok: true, stored: 'yes' });
    expect(checkFieldValue(def('single_choice', ['Gold']), ' GOLD')).toEqual({ ok: true, stored: 'Gold' });
    expect(checkFieldValue(def('multiple_choice', ['A', 'B', 'C']), ['c', 'a', 'C'])).toEqual({
      ok: true,
      stored: '["A","C"]',
    });
  });

  it('treats blanks as empty, whatever the kind', () => {
    for (const kind of ['text', 'number', 'date', 'yes_no', 'single_choice', 'multiple_choice'] as const) {
      for (const blank of [null, '', '   ', []])
        expect(checkFieldValue(def(kind, ['A']), blank)).toEqual({ ok: true, stored: null });
    }
  });

  it('refuses what is not a value of the kind, in words', () => {
    const bad = (d: FieldDefinition, v: Parameters<typeof checkFieldValue>[1]) => {
      const r = checkFieldValue(d, v);
      return r.ok ? 'accepted' : r.message;
    };
    expect(bad(def('number'), '1,5')).toMatch(/must be a number/);
    expect(bad(def('number'), true)).toMatch(/must be a number/);
    expect(bad(def('date'), '2023-02-29')).toMatch(/real date/);
    expect(bad(def('date'), '29/02/2024')).toMatch(/real date/);
    expect(bad(def('yes_no'), 'maybe')).toMatch(/yes or no/);
    expect(bad(def('single_choice', ['A']), 'B')).toMatch(/"B" is not one of the choices for X/);
    expect(bad(def('multiple_choice', ['A']), ['A', 'Z'])).toMatch(/"Z" is not one of the choices/);
    expect(bad(def('text'), 'card 4111-1111-1111-1111 thanks')).toMatch(/payment card number/);
  });

  it('reads stored text back typed, and in words', () => {
    expect(readFieldValue('number', '2.5')).toBe(2.5);
    expect(readFieldValue('yes_no', 'no')).toBe(false);
    expect(readFieldValue('multiple_choice', '["A","C"]')).toEqual(['A', 'C']);
    expect(fieldText(['A', 'C'])).toBe('A, C');
    expect(fieldText(true)).toBe('Yes');
  });
});

describe('definitions', () => {
  it('finds duplicate, empty and blank choices', () => {
    expect(choicesProblem('single_choice', ['Jazz', ' jazz'])).toMatch(/in the list twice/);
    expect(choicesProblem('multiple_choice', [])).toMatch(/at least one choice/);
    expect(choicesProblem('single_choice', ['A', ' '])).toMatch(/cannot be empty/);
    expect(choicesProblem('text', [])).toBeNull();
    expect(choicesProblem('single_choice', ['A', 'B'])).toBeNull();
  });

  it('refuses names of built-in and existing fields, and makes stable keys', () => {
    const existing = [
      { key: 'family_name', label: 'Family name', custom: false },
      { key: 'cf_tier', label: 'Tier', custom: true },
    ];
    expect(labelClash('FAMILY-NAME', existing)).toMatch(/built-in field \(Family name\)/);
    expect(labelClash('family_name', existing)).toMatch(/built-in/);
    expect(labelClash(' tier ', existing)).toMatch(/already a custom field called "Tier"/);
    expect(labelClash('Date of Birth', [])).toBeNull();
    expect(labelClash('D.O.B.', [])).toMatch(/means the same as a built-in field/);
    expect(labelClash('Shoe size', existing)).toBeNull();
    expect(keyFromLabel('Café visits!', new Set())).toBe('cf_cafe_visits');
    expect(keyFromLabel('Tier', new Set(['cf_tier']))).toBe('cf_tier_2');
  });
});

describe('must-haves of register-defined fields', () => {
  const record = {
    given_name: 'A',
    family_name: 'B',
    title: '',
    preferred_name: '',
    emails: [],
    phones: [],
    addresses: [],
    date_of_birth: '',
    notes: '',
    ref: '',
    fields: { cf_tier: 'Gold', interests: [] as string[] },
  };
  it('reads values from `fields` and places the message beside the field', () => {
    expect(fieldValue(record, 'cf_tier')).toBe('Gold');
    expect(fieldPath(record, 'interests')).toBe('fields.interests');
    const rules = [
      { key: 'cf_tier', label: 'Tier', priority: 'must_have' as const },
      { key: 'interests', label: 'Interests', priority: 'must_have' as const },
      { key: 'family_name', label: 'Family name', priority: 'must_have' as const },
    ];
    expect(mustHaveErrors(record, rules)).toEqual([
      { path: 'fields.interests', message: 'Interests is a must-have: enter it before saving.' },
    ]);
  });
});
