// The whole-file duplicate scan in steps, on a real encrypted file of 6,000 generated customers
// with planted duplicates: its progress advances step by step to the same result as the one-call
// scan (groups included), and Cancel stops it — no further step runs, nothing is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTuning } from '../../electron/core/duplicates/scan-job';
import { customerAt, makePools } from '../bench/synthetic';
import { type Owner, ownerCore } from '../support/core';

const SIZE = 6000;

describe('a stepwise duplicate scan', () => {
  let o: Owner;
  const stepMs = scanTuning.stepMs;

  beforeAll(async () => {
    o = await ownerCore();
    const pools = makePools(11);
    const rows: Record<string, string>[] = [];
    for (let i = 0; i < SIZE; i++) {
      const c = customerAt(pools, 11, i);
      rows.push({
        given_name: c.given_name,
        family_name: c.family_name,
        email: c.emails[0]?.address ?? '',
        postcode: c.addresses[0]?.postcode ?? '',
        address_line1: c.addresses[0]?.line1 ?? '',
        town: c.addresses[0]?.town ?? '',
        date_of_birth: c.date_of_birth,
      });
    }
    // One person three times: a group of three for the review to merge in one step.
    const jon = {
      given_name: 'Jonathan',
      family_name: 'Smith',
      postcode: 'LS6 2AB',
      address_line1: '14 Elm Road',
      town: 'Leeds',
      date_of_birth: '1970-05-04',
    };
    rows.push(
      jon,
      { ...jon, given_name: 'Jonathon', family_name: 'Smyth' },
      { ...jon, given_name: 'Jon', email: 'jon@example.com' },
    );
    for (let start = 0; start < rows.length; start += 5000) {
      const created = await o.importRows(rows.slice(start, start + 5000));
      expect(created.errors).toEqual([]);
    }
    scanTuning.stepMs = 5;
  }, 120_000);

  afterAll(() => {
    scanTuning.stepMs = stepMs;
    o.core.close();
  });

  it('advances its progress step by step to the one-call result', async () => {
    let p = await o.ok('duplicates.scanStart', { limit: 500, include_archived: false });
    expect(p).toMatchObject({ finished: false, fraction: 0, result: null });
    const fractions = [p.fraction];
    const phases = new Set<string>();
    while (!p.finished) {
      p = await o.ok('duplicates.scanStep', { scan_id: p.scan_id });
      fractions.push(p.fraction);
      phases.add(p.phase);
    }
    expect(fractions.length).toBeGreaterThan(4);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] as number);
    expect(new Set(fractions).size).toBeGreaterThan(3);
    expect([...phases]).toContain('Comparing records that could be the same person');
    expect(p.fraction).toBe(1);
    const whole = await o.ok('duplicates.scan', { limit: 500, include_archived: false });
    expect(p.result?.total).toBe(whole.total);
    expect(p.result?.pairs.map((x) => [x.a.id, x.b.id])).toEqual(whole.pairs.map((x) => [x.a.id, x.b.id]));
    const group = p.result?.groups.find((g) => g.members.some((m) => m.name === 'Jonathon Smyth'));
    expect(group?.members.map((m) => m.name).sort()).toEqual(['Jon Smith', 'Jonathan Smith', 'Jonathon Smyth']);
  }, 120_000);

  it('stops when cancelled: later steps are refused and no scan is audited', async () => {
    const before = (await o.ok('audit.list', {} as never)).filter((e) => e.action === 'duplicates.scan').length;
    let p = await o.ok('duplicates.scanStart', { limit: 500, include_archived: false });
    p = await o.ok('duplicates.scanStep', { scan_id: p.scan_id });
    p = await o.ok('duplicates.scanStep', { scan_id: p.scan_id });
    expect(p.finished).toBe(false);
    expect(p.fraction).toBeGreaterThan(0);
    const cancelled = await o.ok('duplicates.scanCancel', { scan_id: p.scan_id });
    expect(cancelled).toMatchObject({ finished: true, cancelled: true, phase: 'Cancelled', result: null });
    const refused = await o.fail('duplicates.scanStep', { scan_id: p.scan_id });
    expect(refused.message).toMatch(/no longer running/);
    const after = (await o.ok('audit.list', {} as never)).filter((e) => e.action === 'duplicates.scan').length;
    expect(after).toBe(before);
  }, 120_000);
});
