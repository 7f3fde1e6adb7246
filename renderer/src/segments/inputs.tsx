// The labelled inputs a segment condition is built from: a comma-separated list, a period typed
// day first, a set of tick boxes, a choice from a list and a whole number. Each input carries its
// own label, so every condition reads the same to a screen reader.
import { useId, useState } from 'react';
import type { Period } from '../../../shared/segments';
import { DateInput } from '../ui/DateInput';
import { splitList } from './conditions';

export function ListInput({
  label,
  values,
  onChange,
}: {
  label: string;
  values: string[];
  onChange: (v: string[]) => void;
}) {
  const id = useId();
  const [text, setText] = useState(values.join(', '));
  return (
    <span className="seg__input">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(splitList(e.target.value));
        }}
      />
    </span>
  );
}

export function PeriodInput({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const id = useId();
  const set = (end: 'from' | 'to', value: string) => {
    const next = { ...period };
    if (value) next[end] = value;
    else delete next[end];
    onChange(next);
  };
  return (
    <>
      <span className="seg__input">
        <label htmlFor={`${id}-from`}>From</label>
        <DateInput id={`${id}-from`} value={period.from ?? ''} onChange={(v) => set('from', v)} />
      </span>
      <span className="seg__input">
        <label htmlFor={`${id}-to`}>To</label>
        <DateInput id={`${id}-to`} value={period.to ?? ''} onChange={(v) => set('to', v)} />
      </span>
    </>
  );
}

export function Choices<T extends string>({
  legend,
  options,
  picked,
  onChange,
  labels,
}: {
  legend: string;
  options: readonly T[];
  picked: readonly string[];
  onChange: (v: T[]) => void;
  /** Words for each option, where the stored value is not itself the words. */
  labels?: Record<T, string>;
}) {
  return (
    <fieldset className="seg__choices">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="check">
          <input
            type="checkbox"
            checked={picked.includes(o)}
            onChange={(e) =>
              onChange(e.target.checked ? [...(picked as T[]), o] : (picked as T[]).filter((p) => p !== o))
            }
          />{' '}
          {labels?.[o] ?? o}
        </label>
      ))}
    </fieldset>
  );
}

export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <span className="seg__input">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </span>
  );
}

export function NumberInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange: (v?: number) => void;
}) {
  const id = useId();
  return (
    <span className="seg__input">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input input--short"
        inputMode="numeric"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : Number(e.target.value))}
      />
    </span>
  );
}
