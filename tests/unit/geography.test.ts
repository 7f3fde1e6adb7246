// Geography derived offline from a UK postcode, and the age band from a date of birth.
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  AREA_REGIONS,
  ageBand,
  ageOn,
  CROWN_DEPENDENCY_AREAS,
  geographyOf,
  UK_REGIONS,
} from '../../shared/geography';

describe('geographyOf', () => {
  it('gives the outward code, the area and the region, from stored or typed postcodes', () => {
    expect(geographyOf('SW1A 1AA')).toEqual({ outward: 'SW1A', area: 'SW', region: 'London' });
    expect(geographyOf('m1 1ae')).toEqual({ outward: 'M1', area: 'M', region: 'North West' });
    expect(geographyOf('B33 8TH')).toEqual({ outward: 'B33', area: 'B', region: 'West Midlands' });
    expect(geographyOf('LS1 4AP')).toEqual({ outward: 'LS1', area: 'LS', region: 'Yorkshire and The Humber' });
    expect(geographyOf('CF10 1EP')).toEqual({ outward: 'CF10', area: 'CF', region: 'Wales' });
    expect(geographyOf('EH1 1YZ')).toEqual({ outward: 'EH1', area: 'EH', region: 'Scotland' });
    expect(geographyOf('BT1 5GS')).toEqual({ outward: 'BT1', area: 'BT', region: 'Northern Ireland' });
    expect(geographyOf('NE1 7RU')?.region).toBe('North East');
    expect(geographyOf('NG1 5FS')?.region).toBe('East Midlands');
    expect(geographyOf('CB2 1TN')?.region).toBe('East of England');
    expect(geographyOf('OX1 2JD')?.region).toBe('South East');
    expect(geographyOf('EX4 3SR')?.region).toBe('South West');
    expect(geographyOf('EC1A 1BB')).toEqual({ outward: 'EC1A', area: 'EC', region: 'London' });
  });

  it('puts an area that crosses a border in its main region', () => {
    // Aberystwyth (SY23) is in Wales, but most SY addresses are in Shropshire.
    expect(geographyOf('SY23 1AA')?.region).toBe('West Midlands');
    expect(geographyOf('PE21 6AA')?.region).toBe('East of England');
  });

  it('has no region for the Crown Dependencies, and nothing for foreign or malformed postcodes', () => {
    expect(geographyOf('JE2 3AB')).toEqual({ outward: 'JE2', area: 'JE', region: null });
    expect(geographyOf('IM1 1AA')?.region).toBeNull();
    expect(geographyOf('75008', 'FR')).toBeNull();
    expect(geographyOf('SW1A 1AA', 'France')).toBeNull();
    expect(geographyOf('')).toBeNull();
    expect(geographyOf('not a postcode')).toBeNull();
    expect(geographyOf('QQ1 1AA')).toBeNull();
    expect(geographyOf('SW1A')).toBeNull();
  });

  it('covers every UK postcode area once, and every one of the 12 regions', () => {
    const areas = Object.keys(AREA_REGIONS);
    // Royal Mail: 121 areas in the UK, plus the three Crown Dependencies.
    expect(areas.length).toBe(121);
    for (const area of CROWN_DEPENDENCY_AREAS) expect(areas).not.toContain(area);
    expect(new Set(Object.values(AREA_REGIONS))).toEqual(new Set(UK_REGIONS));
    for (const area of areas) expect(area).toMatch(/^[A-Z]{1,2}$/);
  });
});

describe('ageBand', () => {
  it('counts whole years, turning over on the birthday', () => {
    expect(ageOn('2000-06-15', '2018-06-14')).toBe(17);
    expect(ageOn('2000-06-15', '2018-06-15')).toBe(18);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-06-15', '2018-06-15T09:30:00.000Z')).toBe(18);
  });

  it('puts ages in the bands at their edges', () => {
    const on = '2026-01-01';
    const bornAged = (years: number) => `${2026 - years}-01-01`;
    expect(ageBand(bornAged(0), on)).toBe('Under 18');
    expect(ageBand(bornAged(17), on)).toBe('Under 18');
    expect(ageBand(bornAged(18), on)).toBe('18–24');
    expect(ageBand(bornAged(24), on)).toBe('18–24');
    expect(ageBand(bornAged(25), on)).toBe('25–34');
    expect(ageBand(bornAged(44), on)).toBe('35–44');
    expect(ageBand(bornAged(45), on)).toBe('45–54');
    expect(ageBand(bornAged(64), on)).toBe('55–64');
    expect(ageBand(bornAged(65), on)).toBe('65–74');
    expect(ageBand(bornAged(74), on)).toBe('65–74');
    expect(ageBand(bornAged(75), on)).toBe('75+');
    expect(ageBand(bornAged(104), on)).toBe('75+');
    expect(AGE_BANDS.length).toBe(8);
  });

  it('has no band without a usable date of birth', () => {
    expect(ageBand('', '2026-01-01')).toBeNull();
    expect(ageBand('1980', '2026-01-01')).toBeNull();
    expect(ageBand('2030-01-01', '2026-01-01')).toBeNull();
  });
});
