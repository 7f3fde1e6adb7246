// The bar at the foot of a long form, kept in view while the form scrolls: the save shortcut,
// Cancel and Save. The pane keeps room for it (scroll-padding in app.css), so a field the cursor
// moves to is never behind it, and the form's end can be scrolled clear of it.
type Props = {
  onCancel: () => void;
  saving: boolean;
  saveLabel: string;
  /** Why Save will not go ahead yet (read with the button), when something holds it. */
  heldBy?: string | undefined;
};

export function FormFooter({ onCancel, saving, saveLabel, heldBy }: Props) {
  return (
    <footer className="editor__bar">
      <span className="muted editor__tip">
        <kbd className="kbd">Ctrl S</kbd> saves · <kbd className="kbd">Esc</kbd> cancels
      </span>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button--primary" disabled={saving} aria-describedby={heldBy}>
        {saving ? 'Saving…' : saveLabel}
      </button>
    </footer>
  );
}
