// Load one piece of a screen's data through the typed client: runs `fetch` on mount and again
// whenever `fetch` changes (wrap it in useCallback with its inputs, or define it at module
// level), keeps the latest value, and keeps the message of a failed load for a banner. A
// successful load does not clear an earlier message; callers may also set either themselves
// (after an action that returns fresh data, or fails).
import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../shared/contract/result';

export function useLoad<T>(fetch: () => Promise<Result<T>>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await fetch();
    if (result.ok) setData(result.value);
    else setError(result.error.message);
  }, [fetch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, setData, error, setError, reload };
}
