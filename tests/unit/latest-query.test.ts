// The counter search's scheduler (renderer/src/search/latest-query.ts), on a hand-driven clock
// and answers released in any order: the first key asks at once, a burst of typing asks once
// when it pauses (not once a key, even for slower typing), no more than one search is ever in flight, and an answer to an older query is
// never shown.
import { describe, expect, it } from 'vitest';
import { BURST_MS, latestQuery, PAUSE_MS, type Timers } from '../../renderer/src/search/latest-query';

function harness() {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextTimer = 1;
  const clock: Timers = {
    now: () => now,
    set: (run, ms) => {
      timers.set(nextTimer, { at: now + ms, run });
      return nextTimer++;
    },
    clear: (handle) => timers.delete(handle as number),
  };
  const asked: { query: string; answer: (value: string) => void }[] = [];
  const shown: string[] = [];
  const scheduler = latestQuery(
    (query: string) => new Promise<string>((resolve) => asked.push({ query, answer: resolve })),
    (query, answer) => shown.push(`${query}=${answer}`),
    clock,
  );
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= now) {
        timers.delete(id);
        timer.run();
      }
    }
  };
  /** Type `text` one key at a time, `gap` ms apart (the box holds each prefix in turn). */
  const type = (text: string, gap = 40) => {
    for (let i = 1; i <= text.length; i++) {
      if (i > 1) advance(gap);
      scheduler.request(text.slice(0, i));
    }
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { scheduler, asked, shown, advance, type, flush };
}

describe('counter search scheduling', () => {
  it('asks at once for the first key, then once when a burst of typing pauses', async () => {
    const h = harness();
    h.type('smith');
    expect(h.asked.map((a) => a.query)).toEqual(['s']); // the first key, at once
    h.asked[0]?.answer('1');
    await h.flush();
    expect(h.shown).toEqual([]); // "s" is no longer what the box says
    h.advance(PAUSE_MS - 1);
    expect(h.asked).toHaveLength(1);
    h.advance(1);
    expect(h.asked.map((a) => a.query)).toEqual(['s', 'smith']);
    h.asked[1]?.answer('2');
    await h.flush();
    expect(h.shown).toEqual(['smith=2']);
  });

  it('drops an older answer that arrives after the newer one', async () => {
    const h = harness();
    h.scheduler.request('jo', true);
    h.advance(200);
    h.scheduler.request('jon', true); // "jo" is still in flight: "jon" waits for it
    expect(h.asked.map((a) => a.query)).toEqual(['jo']);
    h.asked[0]?.answer('old');
    await h.flush();
    expect(h.asked.map((a) => a.query)).toEqual(['jo', 'jon']);
    h.asked[1]?.answer('new');
    await h.flush();
    expect(h.shown).toEqual(['jon=new']);
  });

  it('asks once a burst even for slower typing, and never has two searches in flight', async () => {
    const h = harness();
    h.type('07700 900', 120); // slower keys, still one burst
    expect(h.asked.map((a) => a.query)).toEqual(['0']);
    h.advance(PAUSE_MS); // the burst pauses while "0" is still in flight: the phone waits for it
    expect(h.asked.map((a) => a.query)).toEqual(['0']);
    h.asked[0]?.answer('a');
    await h.flush();
    expect(h.asked.map((a) => a.query)).toEqual(['0', '07700 900']);
    expect(h.shown).toEqual([]);
    h.asked[1]?.answer('b');
    await h.flush();
    expect(h.shown).toEqual(['07700 900=b']);
    // After a quiet spell the next key asks at once again.
    h.advance(BURST_MS);
    h.scheduler.request('07700 9001');
    expect(h.asked.map((a) => a.query)).toEqual(['0', '07700 900', '07700 9001']);
  });

  it('delivers nothing after it is disposed (the panel closed)', async () => {
    const h = harness();
    h.scheduler.request('ann', true);
    h.scheduler.dispose();
    h.asked[0]?.answer('late');
    await h.flush();
    h.scheduler.request('anna', true);
    expect(h.shown).toEqual([]);
    expect(h.asked).toHaveLength(1);
  });
});
