// One core call from a request card: busy while it runs, its refusal in words, then reload.
import { useState } from 'react';
import type { Result } from '../../../shared/contract/result';

export function useStep(onChanged: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function run<T>(call: () => Promise<Result<T>>, then?: (value: T) => Promise<void> | void): Promise<void> {
    setBusy(true);
    setProblem(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setProblem(result.error.message);
    await then?.(result.value);
    await onChanged();
  }
  return { busy, problem, run };
}
