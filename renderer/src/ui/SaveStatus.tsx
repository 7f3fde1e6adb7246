// The status line for files saved from any screen (an error report, the register, a subject-access
// pack, a handover file): where each went, or that it was not saved, in download.ts's words.
import { savedMessage, useSaves } from '../download';

export function SaveStatus() {
  const saves = useSaves((s) => s.saves);
  const last = saves.at(-1);
  return (
    <div className="save-status" aria-live="polite">
      {last && (
        <p className={`banner ${last.path ? 'banner--ok' : 'banner--error'} save-status__banner`}>
          <span>
            {saves.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows at its end
              <span key={i} className="app__notice-line">
                {savedMessage(s)}
              </span>
            ))}
          </span>
          <button type="button" className="button button--small" onClick={() => useSaves.setState({ saves: [] })}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
