// The shared day-first dates: how stored dates read, and what typed dates are stored as.
import { describe, expect, test } from 'vitest';
import { formatDay, formatDayNumeric, formatStamp, parseDay, parseDayTime, todayIso } from '../../shared/dates';

const NOW = new Date(2026, 11, 6, 9, 0);

describe('formatting stored dates for a person', () => {
  test('a day reads "6 Dec 2026", day first, in a date box as 06/12/2026', () => {
    expect(formatDay('2026-12-06')).toBe('6 Dec 2026');
    expect(formatDay('1985-03-03')).toBe('3 Mar 1985');
    expect(formatDayNumeric('2026-12-06')).toBe('06/12/2026');
    expect(formatDayNumeric('')).toBe('');
  });
  test('a timestamp reads as its day and local time', () => {
    const at = new Date(2026, 11, 6, 14, 30).toISOString();
    expect(formatStamp(at)).toBe('6 Dec 2026, 14:30');
    expect(formatDay(at)).toMatch(/Dec 2026$/);
  });
  test('what is not a date is shown as it is', () => {
    expect(formatDay('soon')).toBe('soon');
    expect(formatDay('2026-02-31')).toBe('2026-02-31');
    expect(formatStamp('not a time')).toBe('not a time');
  });
});

describe('reading a typed date day first', () => {
  const iso = (text: string) => {
    const r = parseDay(text, NOW);
    return r.ok ? r.iso : r.message;
  };
  test.each([
    ['06/12/2026', '2026-12-06'],
    ['6/12/2026', '2026-12-06'],
    [' 6.12.2026 ', '2026-12-06'],
    ['6-12-2026', '2026-12-06'],
    ['6 Dec 2026', '2026-12-06'],
    ['6 December 2026', '2026-12-06'],
    ['6th Sept 2026', '2026-09-06'],
    ['2026-12-06', '2026-12-06'],
    ['01/02/2024', '2024-02-01'],
    ['29/02/2024', '2024-02-29'],
  ])('%s is %s', (text, want) => expect(iso(text)).toBe(want));

  test('two-digit years: up to ten years ahead is this century, otherwise the last', () => {
    expect(iso('6/12/26')).toBe('2026-12-06');
    expect(iso('1/1/36')).toBe('2036-01-01');
    expect(iso('1/1/37')).toBe('1937-01-01');
    expect(iso('3/3/85')).toBe('1985-03-03');
    expect(iso('1/1/00')).toBe('2000-01-01');
  });

  test('impossible dates are refused in plain words, not rolled over', () => {
    expect(parseDay('31/02/2026', NOW)).toEqual({ ok: false, message: 'February 2026 has no day 31.' });
    expect(parseDay('29/02/2025', NOW)).toEqual({ ok: false, message: 'February 2025 has no day 29.' });
    expect(iso('31/04/2026')).toBe('April 2026 has no day 31.');
    expect(iso('00/12/2026')).toBe('December 2026 has no day 0.');
    expect(iso('12/13/2026')).toMatch(/^There is no month 13/);
    expect(iso('2026-02-30')).toBe('February 2026 has no day 30.');
  });

  test('text that is not a date says how to type one', () => {
    for (const text of ['', 'tomorrow', '6 Foo 2026', '12/2026', '6/12/202'])
      expect(iso(text)).toBe('Enter the date day first, such as 06/12/2026.');
  });

  test('a day and a time, for when something happened', () => {
    expect(parseDayTime('06/12/2026 14:30', NOW)?.getTime()).toBe(new Date(2026, 11, 6, 14, 30).getTime());
    expect(parseDayTime('6/12/26 9.05', NOW)?.getTime()).toBe(new Date(2026, 11, 6, 9, 5).getTime());
    expect(parseDayTime('6 Dec 2026', NOW)?.getTime()).toBe(new Date(2026, 11, 6).getTime());
    expect(parseDayTime('31/02/2026 10:00', NOW)).toBeNull();
    expect(parseDayTime('06/12/2026 24:00', NOW)).toBeNull();
    expect(parseDayTime('06/12/2026 10:60', NOW)).toBeNull();
  });

  test("today is this computer's day", () => {
    expect(todayIso(NOW)).toBe('2026-12-06');
  });
});
