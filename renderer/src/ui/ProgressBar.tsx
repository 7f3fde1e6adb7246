// A progress bar for a long job stepped from the window (an import, a duplicate scan): the
// bar, with its value in words for screen readers.
export function ProgressBar(props: { label: string; value: number; max: number; text: string }) {
  const max = Math.max(props.max, 1);
  const percent = Math.round((Math.min(props.value, max) / max) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(props.value, max)}
      aria-valuetext={props.text}
    >
      <div className="progress__bar" style={{ width: `${percent}%` }} />
    </div>
  );
}
