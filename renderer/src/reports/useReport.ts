// One report of the Buying patterns page, asked again whenever its input changes (the period, the
// basis, what it is by, the breaks). Unlike useLoad, an answer to an input since replaced is
// dropped (all time can take half a minute at a million customers: its late answer must not
// overwrite the year asked for after it), the figures are cleared while the new ones are counted,
// and a refusal is cleared by the next answer. A null input asks nothing.
import { useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../../shared/contract';
import { attempt } from '../client';

type State<T> = {
  data: T | null;
  error: string | null;
  /** The input field the core refused, when it named one ("breaks.recency_days"). */
  field?: string | undefined;
  busy: boolean;
};

/** `input` must keep its identity while unchanged (useMemo), as a loader does for useLoad. */
export function useReport<M extends Method>(method: M, input: Input<M> | null): State<Output<M>> {
  const [state, setState] = useState<State<Output<M>>>({ data: null, error: null, busy: input !== null });
  useEffect(() => {
    if (input === null) {
      setState({ data: null, error: null, busy: false });
      return;
    }
    let current = true;
    setState({ data: null, error: null, busy: true });
    void attempt(method, input).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { data: result.value, error: null, busy: false }
          : {
              data: null,
              error: result.error.fields?.[0]?.message ?? result.error.message,
              field: result.error.fields?.[0]?.path,
              busy: false,
            },
      );
    });
    return () => {
      current = false;
    };
  }, [method, input]);
  return state;
}
