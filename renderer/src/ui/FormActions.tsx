// The foot of a small form: Cancel (or Close, where what was saved stays saved), and the submit
// button that says what it is doing while busy.
export function FormActions({
  onCancel,
  busy,
  label,
  busyLabel,
  cancelLabel = 'Cancel',
}: {
  onCancel: () => void;
  busy: boolean;
  label: string;
  busyLabel: string;
  cancelLabel?: string;
}) {
  return (
    <div className="form__actions">
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
