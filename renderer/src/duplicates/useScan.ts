// The whole-file duplicate scan stepped from the window (duplicates.scanStart / scanStep), so
// the page shows its progress and can stop it (scanCancel). Unmounting the page cancels it too.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScanOutput, ScanProgress } from '../../../shared/contract/duplicates';
import { attempt } from '../client';

type ScanState = {
  progress: ScanProgress | null;
  result: ScanOutput | null;
  problem: string | null;
  running: boolean;
  start: () => Promise<void>;
  cancel: () => Promise<void>;
  setResult: (update: (r: ScanOutput) => ScanOutput) => void;
  setProblem: (message: string | null) => void;
};

export function useScan(limit = 200): ScanState {
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [result, setResultState] = useState<ScanOutput | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  // The scan this page is running; cleared when cancelled or left, which ends the step loop.
  const current = useRef<string | null>(null);

  const start = useCallback(async () => {
    setProblem(null);
    setResultState(null);
    const started = await attempt('duplicates.scanStart', { limit, include_archived: false });
    if (!started.ok) {
      setProblem(started.error.message);
      return;
    }
    let p = started.value;
    current.current = p.scan_id;
    setProgress(p);
    setRunning(true);
    while (!p.finished && current.current === p.scan_id) {
      const step = await attempt('duplicates.scanStep', { scan_id: p.scan_id });
      if (current.current !== p.scan_id) return;
      if (!step.ok) {
        setProblem(step.error.message);
        break;
      }
      p = step.value;
      setProgress(p);
    }
    setRunning(false);
    current.current = null;
    if (p.result) setResultState(p.result);
  }, [limit]);

  const cancel = useCallback(async () => {
    const id = current.current;
    if (!id) return;
    current.current = null;
    setRunning(false);
    const answer = await attempt('duplicates.scanCancel', { scan_id: id });
    if (answer.ok) setProgress(answer.value);
  }, []);

  useEffect(() => {
    void start();
    return () => {
      const id = current.current;
      current.current = null;
      if (id) void attempt('duplicates.scanCancel', { scan_id: id });
    };
  }, [start]);

  const setResult = useCallback((update: (r: ScanOutput) => ScanOutput) => {
    setResultState((r) => r && update(r));
  }, []);

  return { progress, result, problem, running, start, cancel, setResult, setProblem };
}
