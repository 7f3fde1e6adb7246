// A folded part of a form under a plain heading: a native <details>, so it opens with Enter or
// Space on its heading and a screen reader says whether it is open. It starts closed unless asked;
// after a failed save the form opens every fold holding an error (see focusFirstError).
import { type ReactNode, useState } from 'react';

type Props = {
  title: string;
  /** What is inside, in a few words, shown beside the title while it is closed. */
  note?: string | undefined;
  defaultOpen?: boolean;
  children: ReactNode;
};

export function Fold({ title, note, defaultOpen = false, children }: Props) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details className="card fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="fold__summary">
        <span className="fold__title">{title}</span>
        {note && !open && <span className="fold__note muted">{note}</span>}
      </summary>
      <div className="fold__body">{children}</div>
    </details>
  );
}
