// A bar chart of a few hundred points at most, drawn by Recharts (axes, scales and the keyboard
// layer are the library's), always shown with the table it was drawn from: the chart is never the
// only way to read a figure. Recharts' keyboard layer lets the arrow keys walk the bars, with the
// tooltip saying each value; a screen reader has the table.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

type Props = {
  title: string;
  data: Record<string, string | number>[];
  label: string;
  value: string;
  valueName: string;
};

export function BarChartFigure({ title, data, label, value, valueName }: Props) {
  if (data.length === 0) return null;
  return (
    <figure className="chart">
      <div>
        <BarChart width={640} height={260} data={data} accessibilityLayer margin={{ left: 8, right: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={label} interval="preserveStartEnd" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
          <Tooltip />
          <Bar dataKey={value} name={valueName} fill="#2f6fb0" isAnimationActive={false} />
        </BarChart>
      </div>
      <figcaption className="muted">{title} (the same figures are in the table below)</figcaption>
    </figure>
  );
}
