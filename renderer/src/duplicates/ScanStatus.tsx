// Where the whole-file scan has got: a progress bar with what it is doing and a Cancel button
// while it runs; after a cancel, that it stopped and a way to start again.
import type { ScanProgress } from '../../../shared/contract/duplicates';
import { ProgressBar } from '../ui/ProgressBar';

export function ScanStatus(props: {
  progress: ScanProgress | null;
  running: boolean;
  onCancel: () => void;
  onRestart: () => void;
}) {
  const p = props.progress;
  if (props.running && p) {
    const percent = Math.round(p.fraction * 100);
    return (
      <div className="import__progress">
        <ProgressBar label="Duplicate scan progress" value={percent} max={100} text={`${percent}% — ${p.phase}`} />
        <p className="muted" aria-live="polite">
          {p.phase}… {percent}%
        </p>
        <div>
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel scan
          </button>
        </div>
      </div>
    );
  }
  if (p?.cancelled) {
    return (
      <div className="banner banner--warn" role="status">
        <span>The scan was cancelled: nothing was changed.</span>
        <button type="button" className="button button--small" onClick={props.onRestart}>
          Scan again
        </button>
      </div>
    );
  }
  return p ? null : <p className="muted">Starting the scan…</p>;
}
