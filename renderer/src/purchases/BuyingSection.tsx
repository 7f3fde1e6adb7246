// "Buying" on a customer's record: the buying summary (first and last purchase, how often, total
// and average spend net of refunds, favourite category), the recent purchases with refunds
// labelled, and a dialog to add one. Amounts are typed in pounds and sent as whole pence.
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { contract, type Output } from '../../../shared/contract';
import type { Customer } from '../../../shared/customer';
import { todayIso } from '../../../shared/dates';
import { formatPence, plural, poundsToPence } from '../../../shared/format';
import { attempt } from '../client';
import { formatDay } from '../format';
import { contractResolver } from '../forms';
import { useCan } from '../permissions';
import { FormDateInput } from '../ui/DateInput';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useCoreErrors } from '../ui/useCoreErrors';

type Summary = Output<'purchases.summary'>;
type Purchase = Output<'purchases.list'>[number];

export function BuyingSection({ customer }: { customer: Customer }) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [recent, setRecent] = useState<Purchase[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const canAdd = useCan('purchases.add');

  const load = useCallback(async () => {
    const [s, list] = await Promise.all([
      attempt('purchases.summary', { id: customer.id }),
      attempt('purchases.list', { customer_id: customer.id, limit: 5 }),
    ]);
    if (s.ok) setSummary(s.value);
    if (list.ok) setRecent(list.value);
    setProblem(!s.ok ? s.error.message : !list.ok ? list.error.message : null);
  }, [customer.id]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card" aria-labelledby="rec-buying">
      <div className="card__bar">
        <h2 className="card__title" id="rec-buying">
          Buying
        </h2>
        {canAdd && (
          <button type="button" className="button button--small" onClick={() => setAdding(true)}>
            Add purchase
          </button>
        )}
      </div>
      <ErrorBanner message={problem} />
      {summary && <SummaryFacts summary={summary} />}
      {recent.length > 0 && (
        <table className="table" aria-label="Recent purchases">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">What</th>
              <th scope="col">Qty</th>
              <th scope="col" className="table__num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {recent.map((p) => (
              <tr key={p.id}>
                <td>{formatDay(p.date)}</td>
                <td>
                  {p.item}
                  {p.category && <span className="muted"> · {p.category}</span>}
                  {p.seat && <span className="muted"> · seat {p.seat}</span>}
                </td>
                <td>{p.quantity}</td>
                <td className="table__num">
                  {p.refund ? (
                    <span className="badge badge--warn">{formatPence(p.amount_pence)}</span>
                  ) : (
                    formatPence(p.amount_pence)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {adding && (
        <AddPurchaseDialog
          customerId={customer.id}
          onClose={() => setAdding(false)}
          onSaved={async () => {
            setAdding(false);
            await load();
          }}
        />
      )}
    </section>
  );
}

function SummaryFacts({ summary: s }: { summary: Summary }) {
  if (s.purchases === 0 && s.refunds === 0) return <p className="muted">No purchases recorded.</p>;
  const rows: [string, string][] = [
    ['Purchases', `${s.purchases}${s.refunds ? ` (and ${plural(s.refunds, 'refund')})` : ''}`],
    ['First purchase', s.first_purchase ? formatDay(s.first_purchase) : '—'],
    ['Last purchase', s.last_purchase ? formatDay(s.last_purchase) : '—'],
    ['How often', s.per_year === null ? 'Not enough purchases yet' : `${s.per_year} a year`],
    ['Total spend', formatPence(s.total_pence)],
    ['Average spend', s.average_pence === null ? '—' : formatPence(s.average_pence)],
    ['Favourite category', s.favourite_category || '—'],
  ];
  return (
    <dl className="facts" aria-label="Buying summary">
      {rows.map(([term, value]) => (
        <div className="facts__row" key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Draft = {
  date: string;
  item: string;
  category: string;
  quantity: string;
  amount: string;
  channel: string;
  venue: string;
  seat: string;
};

/** "12.50" → 1250, "-3" → -300; anything else is left for the schema to refuse. */
/** NaN (refused by the schema with its message) when the amount is not money. */
const toPence = (amount: string): number => poundsToPence(amount) ?? Number.NaN;

function AddPurchaseDialog({
  customerId,
  onClose,
  onSaved,
}: {
  customerId: number;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const shape = (v: Draft) => ({
    ...v,
    customer_id: customerId,
    quantity: Number(v.quantity),
    amount_pence: toPence(v.amount),
  });
  const {
    register,
    control,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Draft>({
    resolver: contractResolver<Draft>(contract['purchases.add'].input, shape),
    defaultValues: {
      date: todayIso(),
      item: '',
      category: '',
      quantity: '1',
      amount: '',
      channel: '',
      venue: '',
      seat: '',
    },
  });
  const { problem, place, clear } = useCoreErrors(setError);
  const refund = toPence(watch('amount')) < 0;

  const submit = handleSubmit(async (v) => {
    clear();
    const result = await attempt('purchases.add', shape(v));
    if (result.ok) return onSaved();
    // The core's amount_pence is not a box of the form, so a refusal of it is in the banner.
    place(result.error, Object.keys(v));
  });

  const amountError = errors.amount?.message ?? (errors as Record<string, { message?: string }>).amount_pence?.message;
  return (
    <Dialog title="Add purchase" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <ErrorBanner message={problem} />
        <Field id="pu-item" label="Product, event or performance" error={errors.item?.message}>
          {(control) => <input {...control} {...register('item')} className="input" autoComplete="off" autoFocus />}
        </Field>
        <div className="grid grid--two">
          <Field id="pu-date" label="Date" error={errors.date?.message}>
            {(c) => <FormDateInput {...c} control={control} name="date" />}
          </Field>
          <Field id="pu-category" label="Category" optional error={errors.category?.message}>
            {(control) => <input {...control} {...register('category')} className="input" autoComplete="off" />}
          </Field>
          <Field id="pu-quantity" label="Quantity" error={errors.quantity?.message}>
            {(control) => <input {...control} {...register('quantity')} inputMode="numeric" className="input" />}
          </Field>
          <Field
            id="pu-amount"
            label="Amount (£)"
            error={amountError}
            hint={refund ? 'A negative amount is recorded as a refund.' : 'Use a minus sign for a refund.'}
          >
            {(control) => <input {...control} {...register('amount')} inputMode="decimal" className="input" />}
          </Field>
          <Field id="pu-channel" label="Channel" optional error={errors.channel?.message}>
            {(control) => <input {...control} {...register('channel')} className="input" autoComplete="off" />}
          </Field>
          <Field id="pu-venue" label="Venue" optional error={errors.venue?.message}>
            {(control) => <input {...control} {...register('venue')} className="input" autoComplete="off" />}
          </Field>
          <Field id="pu-seat" label="Seat" optional error={errors.seat?.message}>
            {(control) => <input {...control} {...register('seat')} className="input" autoComplete="off" />}
          </Field>
        </div>
        <FormActions
          onCancel={onClose}
          busy={isSubmitting}
          label={refund ? 'Record refund' : 'Record purchase'}
          busyLabel="Saving…"
        />
      </form>
    </Dialog>
  );
}
