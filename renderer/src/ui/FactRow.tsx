// One term and its value in a facts list (<dl className="facts">): a dash when there is none.
// A value may be a list of lines (a purchase, a consent event, a contact a line).
export function FactRow({
  term,
  value,
  items,
}: {
  term: string;
  value: string;
  items?: { label: string; value: string }[] | null | undefined;
}) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd>
        {items ? (
          items.length === 0 ? (
            <span className="muted">None recorded</span>
          ) : (
            <ul className="facts__items">
              {items.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the lines are shown once, in order, never reordered
                <li key={i}>
                  <span className="muted">{item.label}:</span> {item.value}
                </li>
              ))}
            </ul>
          )
        ) : (
          value || <span className="muted">—</span>
        )}
      </dd>
    </div>
  );
}
