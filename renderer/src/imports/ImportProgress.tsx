// An import running: its progress bar, rows per second and time left, Cancel while it runs,
// then what it did with Undo, Keep and the error report.
import { useState } from 'react';
import type { Output } from '../../../shared/contract';
import { plural } from '../format';
import { ProgressBar } from '../ui/ProgressBar';
import { STATUS_LABELS, timeLeft } from './labels';

type Progress = Output<'imports.step'>;

export function ImportProgress(props: {
  progress: Progress;
  running: boolean;
  closed: string | null;
  onCancel: () => void;
  onUndo: () => void;
  onConfirm: () => void;
  onErrorReport: () => void;
  onAnother: () => void;
}) {
  const [cancelAsked, setCancelAsked] = useState(false);
  const p = props.progress;
  const total = Math.max(p.total, p.done, 1);
  return (
    <div className="import__progress">
      <ProgressBar label="Import progress" value={p.done} max={total} text={`${p.done} of ${total} rows`} />
      <p className="muted" aria-live="polite">
        {p.done.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')} rows
        {!p.finished &&
          ` · ${Math.round(p.rows_per_s).toLocaleString('en-GB')} rows/s · ${cancelAsked ? 'cancelling…' : timeLeft(p.eta_s)}`}
      </p>
      {props.running && (
        <div>
          <button
            type="button"
            className="button"
            disabled={cancelAsked}
            onClick={() => {
              setCancelAsked(true);
              props.onCancel();
            }}
          >
            Cancel import
          </button>
        </div>
      )}
      {p.finished && (
        <div className="stack">
          <div className={`banner ${p.status === 'finished' ? 'banner--ok' : 'banner--warn'}`} role="status">
            {p.status === 'finished'
              ? `Import finished: ${plural(p.created, 'new record')}, ${plural(p.updated, 'record')} updated, ${plural(p.skipped, 'row')} skipped, ${plural(p.rejected, 'row')} left out with errors.`
              : `Import ${STATUS_LABELS[p.status].toLowerCase()}: nothing from this file was kept.`}
            {p.message && ` ${p.message}`}
          </div>
          {props.closed && (
            <div className="banner banner--info" role="status">
              {props.closed}
            </div>
          )}
          <div className="card__bar">
            {p.errors_total > 0 && (
              <button type="button" className="button" onClick={props.onErrorReport}>
                Download error report
              </button>
            )}
            {p.status === 'finished' && !props.closed && (
              <span className="import__decide">
                <button type="button" className="button" onClick={props.onUndo}>
                  Undo this import
                </button>
                <button type="button" className="button button--primary" onClick={props.onConfirm}>
                  Keep it
                </button>
              </span>
            )}
            {(p.status !== 'finished' || props.closed) && (
              <button type="button" className="button" onClick={props.onAnother}>
                Import another file
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
