// The add and remove buttons of a repeating group on a form (another email, an address row).
export function AddButton({
  label,
  onClick,
  disabled,
  describedBy,
}: {
  label: string;
  onClick: () => void;
  disabled: boolean;
  /** The list's error ("a phone number is required"), read when the button is focused. */
  describedBy?: string | undefined;
}) {
  return (
    <button
      type="button"
      className="button button--small button--quiet"
      onClick={onClick}
      disabled={disabled}
      aria-describedby={describedBy}
    >
      <svg className="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path d="M10 4v12M4 10h12" />
      </svg>
      {label}
    </button>
  );
}

export function RemoveButton({ label, onClick, text }: { label: string; onClick: () => void; text?: string }) {
  return (
    <button
      type="button"
      className="button button--small button--danger-quiet repeat__remove"
      aria-label={label}
      onClick={onClick}
    >
      <svg className="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path d="M5 5l10 10M15 5L5 15" />
      </svg>
      {text ?? <span aria-hidden="true">Remove</span>}
    </button>
  );
}
