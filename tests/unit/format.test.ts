// Counts and money are written one way everywhere (shared/format.ts).
import { describe, expect, it } from 'vitest';
import { formatMoney, formatPence, penceToPounds, plural, poundsToPence } from '../../shared/format';

describe('plural', () => {
  it('says one thing, or many with grouped digits', () => {
    expect(plural(1, 'record')).toBe('1 record');
    expect(plural(0, 'record')).toBe('0 records');
    expect(plural(1250, 'row')).toBe('1,250 rows');
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(3, 'person', 'people')).toBe('3 people');
  });
});

describe('money', () => {
  it('shows pounds with pence and grouped thousands', () => {
    expect(formatMoney(0)).toBe('£0.00');
    expect(formatMoney(5)).toBe('£0.05');
    expect(formatMoney(123450)).toBe('£1,234.50');
    expect(formatMoney(-300)).toBe('-£3.00');
  });

  it('names a negative purchase amount as a refund', () => {
    expect(formatPence(1250)).toBe('£12.50');
    expect(formatPence(-1000)).toBe('refund £10.00');
  });

  it('reads back what it writes, and what people type', () => {
    for (const pence of [0, 5, 1250, 123450, -300]) {
      expect(poundsToPence(formatMoney(pence))).toBe(pence);
      expect(poundsToPence(penceToPounds(pence))).toBe(pence);
    }
    expect(penceToPounds(123450)).toBe('1234.50');
    expect(poundsToPence('GBP 7')).toBe(700);
    expect(poundsToPence('twelve')).toBeNull();
  });
});
