// Running a started import from the page: the job is stepped one chunk per call, each awaited, so
// the page stays responsive and Cancel is honoured between chunks; then the batch is undone or kept.
import { useRef, useState } from 'react';
import type { Input, Output } from '../../../shared/contract';
import { attempt } from '../client';
import { plural } from '../format';

type Progress = Output<'imports.step'>;

export function useImportRun(onChanged: () => void, setProblem: (message: string | null) => void) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [running, setRunning] = useState(false);
  const [closed, setClosed] = useState<string | null>(null);
  const cancelling = useRef(false);

  async function run(request: Input<'imports.start'>) {
    setProblem(null);
    const started = await attempt('imports.start', request);
    if (!started.ok) {
      setProblem(started.error.fields?.[0]?.message ?? started.error.message);
      return;
    }
    const importId = started.value.import_id;
    cancelling.current = false;
    setRunning(true);
    setProgress({
      import_id: importId,
      status: 'running',
      done: 0,
      total: started.value.total,
      rows: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      rejected: 0,
      matched: 0,
      rows_per_s: 0,
      eta_s: 0,
      finished: false,
      message: '',
      errors_total: 0,
    });
    onChanged();
    for (;;) {
      const step = await attempt('imports.step', { import_id: importId });
      if (!step.ok) {
        setProblem(step.error.message);
        break;
      }
      setProgress(step.value);
      if (step.value.finished) break;
      if (cancelling.current) {
        const cancelled = await attempt('imports.cancel', { import_id: importId });
        if (cancelled.ok) setProgress(cancelled.value);
        else setProblem(cancelled.error.message);
        break;
      }
    }
    setRunning(false);
    onChanged();
  }

  async function undo(importId: number) {
    const result = await attempt('imports.undo', { import_id: importId });
    if (result.ok) {
      const { removed, restored, kept } = result.value;
      setClosed(
        `Import undone: ${plural(removed, 'new record')} removed, ${plural(restored, 'record')} put back as before` +
          (kept ? `, ${plural(kept, 'record')} edited since then left as they are.` : '.'),
      );
    } else setProblem(result.error.message);
    onChanged();
  }

  async function confirm(importId: number) {
    const result = await attempt('imports.confirm', { import_id: importId });
    if (result.ok) setClosed('Import kept. It can no longer be undone.');
    else setProblem(result.error.message);
    onChanged();
  }

  function clear() {
    setProgress(null);
    setClosed(null);
  }

  const cancel = () => {
    cancelling.current = true;
  };

  return { progress, running, closed, run, undo, confirm, clear, cancel };
}
