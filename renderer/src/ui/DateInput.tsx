// A date box typed day first (06/12/2026, 6/12/26, 6 Dec 2026) in place of <input type="date">,
// whose format follows the browser's locale (mm/dd/yyyy in an American Chromium). The form gets
// the stored form, YYYY-MM-DD, as soon as the text reads as a real day; text that does not is
// passed on as typed, so the form's own check holds the save back, and is explained here.
import { type Ref, useEffect, useState } from 'react';
import { type Control, type FieldPath, type FieldValues, useController } from 'react-hook-form';
import { DAY_PLACEHOLDER, formatDayNumeric, parseDay } from '../../../shared/dates';
import type { ControlProps } from './Field';

type Props = Partial<ControlProps> & {
  id: string;
  /** YYYY-MM-DD, '' for none (or text that did not read as a day). */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  readOnly?: boolean;
  'aria-required'?: boolean;
  className?: string;
};

export function DateInput({ value, onChange, onBlur, inputRef, className, ...props }: Props) {
  const [text, setText] = useState(() => formatDayNumeric(value ?? ''));
  const [problem, setProblem] = useState<string | null>(null);

  // A value set from outside (a reset, a default) replaces the text unless it is what is typed.
  useEffect(() => {
    setText((current) => {
      const typed = parseDay(current);
      if ((typed.ok && typed.iso === value) || (!value && !current.trim()) || value === current) return current;
      return formatDayNumeric(value ?? '');
    });
  }, [value]);

  function change(next: string) {
    setText(next);
    if (!next.trim()) {
      setProblem(null);
      onChange('');
      return;
    }
    const day = parseDay(next);
    if (day.ok) setProblem(null);
    onChange(day.ok ? day.iso : next);
  }

  function blur() {
    const day = text.trim() ? parseDay(text) : null;
    setProblem(day && !day.ok ? day.message : null);
    if (day?.ok) setText(formatDayNumeric(day.iso));
    onBlur?.();
  }

  // The field around it shows the form's error; this one only says why the text is not a day.
  const shown = problem && !props['aria-invalid'] ? problem : null;
  const problemId = `${props.id}-date-problem`;
  const describedBy = [shown ? problemId : undefined, props['aria-describedby']].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <input
        {...props}
        ref={inputRef}
        type="text"
        inputMode="text"
        autoComplete="off"
        placeholder={DAY_PLACEHOLDER}
        className={className ?? 'input'}
        value={text}
        aria-invalid={Boolean(props['aria-invalid'] || shown)}
        aria-describedby={describedBy}
        onChange={(e) => change(e.target.value)}
        onBlur={blur}
      />
      {shown && (
        <p className="field__error" id={problemId}>
          {shown}
        </p>
      )}
    </>
  );
}

/** A DateInput bound to one field of a react-hook-form form, which holds YYYY-MM-DD. */
export function FormDateInput<T extends FieldValues>({
  control,
  name,
  ...props
}: Omit<Props, 'value' | 'onChange' | 'onBlur' | 'name' | 'inputRef'> & {
  // biome-ignore lint/suspicious/noExplicitAny: any form's transformed output will do
  control: Control<T, any, any>;
  name: FieldPath<T>;
}) {
  const { field } = useController({ control, name });
  return (
    <DateInput
      {...props}
      name={field.name}
      value={typeof field.value === 'string' ? field.value : ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
    />
  );
}
