// The options of a select from a fixed list and its labels, in the list's order: one way to turn
// a shared catalogue (kinds, categories, bases) into choices.
export function Options<T extends string>({ values, labels }: { values: readonly T[]; labels: Record<T, string> }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {labels[value]}
    </option>
  ));
}
