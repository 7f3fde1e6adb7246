// "Figures for": the period and the basis every section of Buying patterns (and the brief) is
// counted over. The last 12 months by default: at a million customers all time keeps the core
// busy for half a minute, a year for a few seconds. Dates typed in the wrong order are refused
// here, in the contract's words, and nothing is asked until they read.
import { useEffect, useId, useMemo, useState } from 'react';
import { todayIso } from '../../../shared/dates';
import { BASES, type Basis } from '../../../shared/rfm';
import type { Period } from '../../../shared/segments';
import { DateInput } from '../ui/DateInput';
import { Options } from '../ui/Options';
import { chosenPeriod, PERIOD_CHOICES, PERIOD_LABELS, type PeriodChoice, presetPeriod } from './periods';

/** What every report on the page is asked for; null while the chosen dates do not make a period. */
export type Figures = { period: Period; basis: Basis } | null;

const BASIS_LABELS: Record<Basis, string> = {
  purchases: 'Purchases',
  bookings: 'Bookings and attendance',
};

const TYPING_PAUSE_MS = 600;

type Choice = { choice: PeriodChoice; from: string; to: string; basis: Basis };

/** The page's choice and the figures it asks for (a stable object while the choice is unchanged). */
export function useFigures() {
  const [today] = useState(() => todayIso());
  const [choice, setChoice] = useState<Choice>({ choice: 'last12', from: '', to: '', basis: 'purchases' });
  // Typed dates count once the typing pauses: "01/06/20" already reads as a day (in 2020), and
  // each period asked for holds the core for a while on a large file.
  const [dates, setDates] = useState({ from: '', to: '' });
  useEffect(() => {
    const timer = setTimeout(
      () => setDates((d) => (d.from === choice.from && d.to === choice.to ? d : { from: choice.from, to: choice.to })),
      TYPING_PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [choice.from, choice.to]);
  const { figures, problem } = useMemo(() => {
    if (choice.choice !== 'custom')
      return { figures: { period: presetPeriod(choice.choice, today), basis: choice.basis }, problem: null };
    const chosen = chosenPeriod(dates.from, dates.to);
    return 'period' in chosen
      ? { figures: { period: chosen.period, basis: choice.basis }, problem: null }
      : { figures: null, problem: chosen.problem };
  }, [choice.choice, choice.basis, dates, today]);
  return { choice, setChoice, figures: figures as Figures, problem };
}

type Props = { choice: Choice; setChoice: (c: Choice) => void; problem: string | null };

export function FiguresFor({ choice, setChoice, problem }: Props) {
  const id = useId();
  const set = (change: Partial<Choice>) => setChoice({ ...choice, ...change });
  return (
    <fieldset className="card reports__for" aria-describedby={`${id}-hint`}>
      <legend className="card__title">Figures for</legend>
      <div className="seg__add">
        <span className="seg__input">
          <label htmlFor={`${id}-period`}>Period</label>
          <select
            id={`${id}-period`}
            className="input"
            value={choice.choice}
            onChange={(e) => set({ choice: e.target.value as PeriodChoice })}
          >
            <Options values={PERIOD_CHOICES} labels={PERIOD_LABELS} />
          </select>
        </span>
        {choice.choice === 'custom' && (
          <>
            <span className="seg__input">
              <label htmlFor={`${id}-from`}>From</label>
              <DateInput id={`${id}-from`} value={choice.from} onChange={(from) => set({ from })} />
            </span>
            <span className="seg__input">
              <label htmlFor={`${id}-to`}>To</label>
              <DateInput id={`${id}-to`} value={choice.to} onChange={(to) => set({ to })} />
            </span>
          </>
        )}
        <fieldset className="seg__mode">
          <legend>Count</legend>
          {BASES.map((b) => (
            <label key={b} className="check">
              <input
                type="radio"
                name={`${id}-basis`}
                checked={choice.basis === b}
                onChange={() => set({ basis: b })}
              />{' '}
              {BASIS_LABELS[b]}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="muted" id={`${id}-hint`}>
        Bookings and attendance are the sales recorded with a venue. Every section below, and a brief made here, counts
        this period and this basis.
      </p>
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
