// The periods the Buying patterns page offers, worked out from fixed days: the rolling ones are
// whole months ending open (so sales by month reads the kept monthly counts), across a year's
// turn in January and from a month's last day; typed dates in the wrong order are refused in the
// contract's words, and a date that does not read yet asks nothing.
import { describe, expect, it } from 'vitest';
import { chosenPeriod, presetPeriod } from '../../renderer/src/reports/periods';

describe('period presets', () => {
  it('on 6 Dec 2026: the last 12 months start on 1 Jan 2026, two years on 1 Jan 2025', () => {
    expect(presetPeriod('last12', '2026-12-06')).toEqual({ from: '2026-01-01' });
    expect(presetPeriod('last24', '2026-12-06')).toEqual({ from: '2025-01-01' });
    expect(presetPeriod('thisYear', '2026-12-06')).toEqual({ from: '2026-01-01' });
    expect(presetPeriod('lastYear', '2026-12-06')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetPeriod('all', '2026-12-06')).toEqual({});
  });

  it('in January the months reach back into the year before', () => {
    expect(presetPeriod('last12', '2027-01-01')).toEqual({ from: '2026-02-01' });
    expect(presetPeriod('last24', '2027-01-15')).toEqual({ from: '2025-02-01' });
    expect(presetPeriod('thisYear', '2027-01-01')).toEqual({ from: '2027-01-01' });
    expect(presetPeriod('lastYear', '2027-01-01')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('on a month end (29 Feb, 31 Dec) the start is still the 1st of a whole month', () => {
    expect(presetPeriod('last12', '2024-02-29')).toEqual({ from: '2023-03-01' });
    expect(presetPeriod('last24', '2024-02-29')).toEqual({ from: '2022-03-01' });
    expect(presetPeriod('last12', '2026-12-31')).toEqual({ from: '2026-01-01' });
    expect(presetPeriod('last12', '2026-11-30')).toEqual({ from: '2025-12-01' });
  });
});

describe('dates the person chooses', () => {
  it('make a period, open at either end when a box is empty', () => {
    expect(chosenPeriod('2025-03-01', '2025-05-31')).toEqual({ period: { from: '2025-03-01', to: '2025-05-31' } });
    expect(chosenPeriod('2025-03-01', '')).toEqual({ period: { from: '2025-03-01' } });
    expect(chosenPeriod('', '2025-05-31')).toEqual({ period: { to: '2025-05-31' } });
    expect(chosenPeriod('2025-03-01', '2025-03-01')).toEqual({ period: { from: '2025-03-01', to: '2025-03-01' } });
  });

  it('from after to is refused in words, and text that is not a day yet asks nothing', () => {
    const wrong = chosenPeriod('2025-06-01', '2025-05-31');
    expect(wrong).toEqual({ problem: expect.stringContaining('ends before it starts') });
    expect(chosenPeriod('31/13', '2025-05-31')).toEqual({ problem: null });
    // Nothing typed yet: nothing asked (not all time, which holds a large file's core for a while).
    expect(chosenPeriod('', '')).toEqual({ problem: null });
  });
});
