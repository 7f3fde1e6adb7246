// Briefs: the chosen figures, each read by the same report or segment count the screens use,
// printed as sections of a PDF stamped with its title, audience, purpose, period, data source and
// maker; a series (the RFM groups, sales by anything) also gets a bar chart above its table. Counts
// under five print as "fewer than 5" and their money is left out, and their bars are drawn as an
// open band up to five, so no reader can single out a customer from a brief. Making one is audited.
import type { Output, Parsed } from '../../../shared/contract';
import { type BriefItem, briefCount, SMALLEST_SHOWN } from '../../../shared/contract/briefs';
import { formatDay } from '../../../shared/dates';
import { formatPence } from '../../../shared/format';
import type { Basis } from '../../../shared/rfm';
import type { Period } from '../../../shared/segments';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import type { BarChart } from '../formats/bar-chart-pdf';
import { readFieldCounts } from '../quality/completeness.service';
import { repeatReport, rfmReport, salesReport } from '../reports/reports.service';
import { type PdfSection, renderPdf } from '../requests/pdf';
import { countSegment } from '../segments/segments.queries';
import { compileDefinition, readSegment } from '../segments/segments.service';

const SALES_TITLES = {
  month: 'month',
  category: 'category',
  item: 'item',
  weekday: 'day of the week',
  channel: 'sales channel',
  venue: 'venue',
  region: 'region',
  age_band: 'age band',
} as const;

const BASIS_WORDS: Record<Basis, string> = {
  purchases: 'Purchases',
  bookings: 'Bookings and attendance (sales with a venue)',
};

/** Money beside a count, unless the count is small enough to point at someone. */
const money = (customers: number, pence: number) => (customers < SMALLEST_SHOWN ? '' : `, ${formatPence(pence)}`);

/**
 * Counts as bars. A small count's bar is not its length: it is the band from nothing to
 * SMALLEST_SHOWN, labelled as the table prints it, so the chart tells no more than the words.
 */
function countChart(what: string, counts: { label: string; n: number }[]): BarChart {
  const hidden = counts.some(({ n }) => n > 0 && n < SMALLEST_SHOWN);
  return {
    caption: hidden
      ? `${what}. Counts under ${SMALLEST_SHOWN} are drawn as an open band up to ${SMALLEST_SHOWN}.`
      : `${what}.`,
    bars: counts.map(({ label, n }) =>
      n > 0 && n < SMALLEST_SHOWN
        ? { label, value: SMALLEST_SHOWN, text: briefCount(n), upTo: true }
        : { label, value: n, text: briefCount(n) },
    ),
  };
}

function periodWords(period: Period): string {
  if (period.from && period.to) return `${formatDay(period.from)} to ${formatDay(period.to)}`;
  if (period.from) return `from ${formatDay(period.from)}`;
  if (period.to) return `up to ${formatDay(period.to)}`;
  return 'all time (everything on file)';
}

function section(ctx: Context, item: BriefItem, period: Period, basis: Basis): PdfSection {
  switch (item.kind) {
    case 'rfm': {
      const r = rfmReport(ctx, { period, basis });
      return {
        heading: `Customer groups by how recently and how often they buy (${briefCount(r.customers)} customers)`,
        rows: r.groups.map((g) => ({
          label: g.label,
          value: `${briefCount(g.customers)}${money(g.customers, g.spend_pence)}`,
        })),
        chart: countChart(
          'Customers in each group',
          r.groups.map((g) => ({ label: g.label, n: g.customers })),
        ),
      };
    }
    case 'sales': {
      const r = salesReport(ctx, { by: item.by, period, basis });
      return {
        heading: `Sales by ${SALES_TITLES[item.by]}, refunds taken off`,
        rows: r.rows.map((row) => ({
          label: row.label,
          value: `${briefCount(row.purchases)} purchases by ${briefCount(row.customers)} customers${money(row.customers, row.amount_pence)}`,
        })),
        empty: 'No sales in the period.',
        chart: countChart(
          `Purchases by ${SALES_TITLES[item.by]}`,
          r.rows.map((row) => ({ label: row.label, n: row.purchases })),
        ),
      };
    }
    case 'repeat': {
      const r = repeatReport(ctx, { period, basis });
      return {
        heading: 'Coming back',
        rows: [
          { label: 'Customers who bought', value: briefCount(r.buyers) },
          {
            label: 'Of them, came back',
            value: `${briefCount(r.repeat_buyers)} (${Math.round(r.repeat_rate * 100)}%)`,
          },
          {
            label: 'Days between visits (median)',
            value: r.median_days_between === null ? 'not enough visits' : String(Math.round(r.median_days_between)),
          },
        ],
      };
    }
    case 'segment': {
      const segment = readSegment(ctx, item.segment_id);
      const count = countSegment(ctx.db, compileDefinition(ctx, segment.definition).where);
      return {
        heading: `Segment: ${segment.name}`,
        rows: [
          { label: 'What it is for', value: segment.purpose },
          { label: 'Customers in it today', value: briefCount(count) },
        ],
      };
    }
  }
}

export async function makeBrief(ctx: Context, input: Parsed<'briefs.make'>): Promise<Output<'briefs.make'>> {
  const today = ctx.now().slice(0, 10);
  const records = readFieldCounts(ctx.db).get('records') ?? 0;
  const stamp: PdfSection = {
    heading: 'About this brief',
    rows: [
      { label: 'For', value: input.audience },
      { label: 'Purpose', value: input.purpose },
      { label: 'Period', value: periodWords(input.period) },
      { label: 'Counted on', value: BASIS_WORDS[input.basis] },
      {
        label: 'Source',
        value: `The Custodian customer file (${records.toLocaleString('en-GB')} records), figures as at ${formatDay(today)}. Counts under ${SMALLEST_SHOWN} are shown as “fewer than ${SMALLEST_SHOWN}”; no customer is named.`,
      },
      { label: 'Made by', value: ctx.session.user.name },
    ],
  };
  const sections = [stamp, ...input.items.map((item) => section(ctx, item, input.period, input.basis))];
  const pdf = await renderPdf(input.title, `A brief for ${input.audience}, ${formatDay(today)}.`, sections, {
    footer: `${input.title} — aggregate figures only. Made by ${ctx.session.user.name} on ${formatDay(today)}.`,
  });
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'brief.make',
    detail: {
      title: input.title,
      audience: input.audience,
      period: input.period,
      basis: input.basis,
      items: input.items.map((i) => i.kind),
    },
  });
  return {
    filename: `brief-${today}.pdf`,
    mime: 'application/pdf',
    content_base64: Buffer.from(pdf).toString('base64'),
  };
}
