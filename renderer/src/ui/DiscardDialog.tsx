// The question before a form throws away what was typed (Cancel or Esc). "Keep editing" is where
// the cursor starts, so a stray Enter or a second Esc loses nothing.
import { Dialog } from '../ui/Dialog';

type Props = { what: string; onKeep: () => void; onDiscard: () => void };

export function DiscardDialog({ what, onKeep, onDiscard }: Props) {
  return (
    <Dialog title="Throw away what you typed?" onClose={onKeep}>
      <p>{what} will not be saved.</p>
      <div className="dialog__actions">
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice takes the cursor */}
        <button type="button" className="button button--primary" onClick={onKeep} autoFocus>
          Keep editing
        </button>
        <button type="button" className="button button--danger" onClick={onDiscard}>
          Throw it away
        </button>
      </div>
    </Dialog>
  );
}
