// When the counter search asks the core, and which answers it shows. The first key after a
// quiet spell asks at once (a clerk sees rows for "j" without waiting); the keys of the burst
// that follows ask only once typing pauses for PAUSE_MS, so a clerk typing at 40 ms a key sends
// one search for the word, not one per letter. At most one search is in flight: a query due
// while one runs is sent when it returns, so the core is never queued up. An answer to anything
// but the latest query is dropped, whatever order the answers come back in.

/** A key within this long of the one before belongs to the same burst of typing. */
export const BURST_MS = 250;
/** How long a burst must pause before its query is asked (a clerk types about every 40 ms). */
export const PAUSE_MS = 45;

export type Timers = {
  now(): number;
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

const browserTimers: Timers = {
  now: () => performance.now(),
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type LatestQuery<Q> = {
  /** A new query; `immediate` skips the typing wait (a cleared box, a filter, a reload after a save). */
  request(query: Q, immediate?: boolean): void;
  /** Stop: nothing more is sent, no answer is delivered. */
  dispose(): void;
};

export function latestQuery<Q, R>(
  ask: (query: Q) => Promise<R>,
  deliver: (query: Q, answer: R) => void,
  timers: Timers = browserTimers,
): LatestQuery<Q> {
  let latest: { query: Q; seq: number } | null = null;
  let seq = 0;
  let lastKeyAt = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  let inFlight = false;
  // The latest query came due while another was in flight: send it when that one returns.
  let due = false;
  let disposed = false;

  function send(): void {
    if (disposed || !latest) return;
    if (inFlight) {
      due = true;
      return;
    }
    const sent = latest;
    inFlight = true;
    due = false;
    const settle = (answer: { ok: true; value: R } | { ok: false }) => {
      inFlight = false;
      if (disposed) return;
      if (answer.ok && latest?.seq === sent.seq) deliver(sent.query, answer.value);
      if (due) send();
    };
    ask(sent.query).then(
      (value) => settle({ ok: true, value }),
      () => settle({ ok: false }),
    );
  }

  return {
    request(query, immediate = false) {
      if (disposed) return;
      latest = { query, seq: ++seq };
      const now = timers.now();
      const typing = now - lastKeyAt < BURST_MS;
      lastKeyAt = now;
      if (timer !== null) timers.clear(timer);
      timer = null;
      // Anything due from before is superseded by this query.
      due = false;
      if (immediate || !typing) {
        send();
        return;
      }
      timer = timers.set(() => {
        timer = null;
        send();
      }, PAUSE_MS);
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
  };
}
