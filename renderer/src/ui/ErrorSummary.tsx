// The summary at the top of a form after a failed save: how many values need correcting and a
// link to each, in the order the form shows them. It is an alert, so a screen reader announces it
// while the cursor goes to the first field in error.
import { useLayoutEffect, useState } from 'react';
import { focusControl } from './focusError';

type Problem = { id: string; message: string };

/** Where an error's message sits on the page: its control's, or the list's note. */
function position(p: Problem): Element | null {
  return document.getElementById(`${p.id}-error`) ?? document.getElementById(p.id);
}

export function ErrorSummary({ problems }: { problems: Problem[] }) {
  const [ordered, setOrdered] = useState(problems);
  const key = problems.map((p) => `${p.id}\n${p.message}`).join('\n');
  // Sorted once the messages are on the page: the rules find them in their own order.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the problems' content
  useLayoutEffect(() => {
    setOrdered(
      [...problems].sort((a, b) => {
        const pa = position(a);
        const pb = position(b);
        if (!pa || !pb) return 0;
        return pa.compareDocumentPosition(pb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      }),
    );
  }, [key]);
  if (problems.length === 0) return null;
  return (
    <div className="banner banner--error error-summary" role="alert">
      <p className="error-summary__title">
        {problems.length === 1 ? 'One value needs correcting:' : `${problems.length} values need correcting:`}
      </p>
      <ul className="error-summary__list">
        {ordered.map((p) => (
          <li key={p.id}>
            <button type="button" className="link" onClick={() => focusControl(p.id)}>
              {p.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Every message in a react-hook-form errors object, with the id of the control it belongs to. A
 * message is a leaf with `type` and `message`; rows of a list are nested objects or arrays.
 */
export function problemsOf(errors: object, idOf: (path: string) => string, prefix = ''): Problem[] {
  const found: Problem[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const leaf = value as { type?: unknown; message?: unknown };
    if (typeof leaf.message === 'string' && 'type' in leaf) {
      if (leaf.message) found.push({ id: idOf(path), message: leaf.message });
    } else {
      found.push(...problemsOf(value, idOf, path));
    }
  }
  return found;
}
