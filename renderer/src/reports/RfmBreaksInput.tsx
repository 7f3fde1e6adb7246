// The owner's own RFM breaks: four "days since the last purchase" and four "number of purchases",
// typed as whole numbers. Whether they make five scores (each more than the one before) is the
// contract's rule (RfmBreaks in shared/rfm.ts); this only says when a box is not a whole number.
import { useId } from 'react';
import type { RfmBreaks } from '../../../shared/rfm';

type BreaksText = { recency_days: string[]; frequency: string[] };

export const DEFAULT_BREAKS: BreaksText = {
  recency_days: ['30', '90', '180', '365'],
  frequency: ['1', '2', '3', '5'],
};

/** The breaks as numbers, or null while a box is empty or not a whole number. */
export function readBreaks(text: BreaksText): RfmBreaks | null {
  const whole = (values: string[]) => values.map((v) => (/^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN));
  const breaks = { recency_days: whole(text.recency_days), frequency: whole(text.frequency) };
  return [...breaks.recency_days, ...breaks.frequency].some(Number.isNaN) ? null : breaks;
}

const SIDES = {
  recency_days: {
    legend: 'Days since the last purchase (recency)',
    label: (i: number) => `Recency ${5 - i}: up to (days)`,
    hint: 'More days than the last break scores recency 1.',
  },
  frequency: {
    legend: 'Number of purchases (frequency)',
    label: (i: number) => `Frequency ${i + 1}: up to (purchases)`,
    hint: 'More purchases than the last break scores frequency 5.',
  },
} as const;

export function RfmBreaksInput({ value, onChange }: { value: BreaksText; onChange: (v: BreaksText) => void }) {
  const id = useId();
  return (
    <>
      {(['recency_days', 'frequency'] as const).map((side) => (
        <fieldset key={side} className="seg__choices" aria-describedby={`${id}-${side}-hint`}>
          <legend>{SIDES[side].legend}</legend>
          {value[side].map((text, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the four breaks are fixed places
            <span key={i} className="seg__input">
              <label htmlFor={`${id}-${side}-${i}`}>{SIDES[side].label(i)}</label>
              <input
                id={`${id}-${side}-${i}`}
                className="input input--short"
                inputMode="numeric"
                value={text}
                onChange={(e) =>
                  onChange({ ...value, [side]: value[side].map((v, j) => (j === i ? e.target.value : v)) })
                }
              />
            </span>
          ))}
          <p className="muted reports__hint" id={`${id}-${side}-hint`}>
            {SIDES[side].hint}
          </p>
        </fieldset>
      ))}
    </>
  );
}
