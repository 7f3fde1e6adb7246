// Purchases and bookings brought in from a file (a till, ticketing or web-shop export): each row
// names the customer (customer number, email or phone, looked up as the customer import's matcher
// does — never creating a customer) and what was bought. A dry run says what would be added and
// what is wrong with which row; the real run writes one import batch, all rows in one
// transaction, so `imports.undo` takes the whole file back and `imports.confirm` closes it.
import type { Output, Parsed } from '../../../shared/contract';
import { purchasesFormat } from '../../../shared/contract/imports';
import { CoreError, fieldErrors } from '../../../shared/contract/result';
import { poundsToPence } from '../../../shared/format';
import { PurchaseInput } from '../../../shared/purchases';
import { CARD_NUMBER_MESSAGE, containsCardNumber, maskCardNumbers } from '../../../shared/rules/card-guard';
import { checkPhone } from '../../../shared/rules/phone';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { noteImportedPurchases } from '../customers/customers.queries';
import { insertBatch, saveCounts, setStatus } from '../imports/imports.queries';
import { normaliseHeader } from '../imports/mapping';
import { createMatcher } from '../imports/matching';
import { normaliseDate, type RowError } from '../imports/rows';
import { openTable } from '../imports/table';
import { insertPurchase } from './purchases.queries';

const PURCHASE_COLUMNS = [
  'customer_ref',
  'email',
  'phone',
  'date',
  'item',
  'category',
  'quantity',
  'amount',
  'channel',
  'venue',
  'seat',
] as const;
type PurchaseColumn = (typeof PURCHASE_COLUMNS)[number];

/** Header names seen in real exports, compared as normaliseHeader leaves them. */
const HEADERS: Record<string, PurchaseColumn> = {};
for (const [column, names] of Object.entries({
  customer_ref: ['customer_ref', 'ref', 'customer_number', 'customer_no', 'customer_id', 'account', 'member_number'],
  email: ['email', 'email_address', 'e_mail', 'customer_email'],
  phone: ['phone', 'telephone', 'mobile', 'phone_number', 'tel'],
  date: ['date', 'purchase_date', 'order_date', 'booking_date', 'sale_date', 'transaction_date', 'performance_date'],
  item: ['item', 'product', 'event', 'performance', 'description', 'show', 'title', 'product_name'],
  category: ['category', 'type', 'product_type', 'genre', 'department'],
  quantity: ['quantity', 'qty', 'tickets', 'number', 'count'],
  amount: ['amount', 'total', 'price', 'value', 'paid', 'amount_gbp', 'total_paid'],
  channel: ['channel', 'sold_via', 'sales_channel', 'source'],
  venue: ['venue', 'location', 'shop', 'branch'],
  seat: ['seat', 'seats', 'seat_number'],
} satisfies Record<PurchaseColumn, string[]>)) {
  for (const name of names) HEADERS[normaliseHeader(name)] = column as PurchaseColumn;
}

type Mapped = Partial<Record<PurchaseColumn, number>>;

function mapHeaders(header: readonly string[]): { mapped: Mapped; unknown: string[] } {
  const mapped: Mapped = {};
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const column = HEADERS[normaliseHeader(h)];
    if (column && mapped[column] === undefined) mapped[column] = i;
    else if (h.trim()) unknown.push(h);
  });
  return { mapped, unknown };
}

const MAX_ERRORS_RETURNED = 500;

export async function importPurchases(
  ctx: Context,
  input: Parsed<'purchases.import'>,
): Promise<Output<'purchases.import'>> {
  const name = input.filename;
  const table = await openTable({ kind: 'bytes', name, bytes: Buffer.from(input.content_base64, 'base64') });
  try {
    if (table.format === 'vcard') {
      throw new CoreError('INVALID_INPUT', `${name} is a vCard file: purchases come from a CSV or XLSX file.`);
    }
    const { mapped, unknown } = mapHeaders(table.header);
    const missing = [
      ...(['date', 'item', 'amount'] as const).filter((c) => mapped[c] === undefined),
      ...(mapped.customer_ref === undefined && mapped.email === undefined && mapped.phone === undefined
        ? ['customer number, email or phone']
        : []),
    ];
    if (missing.length > 0) {
      throw new CoreError(
        'INVALID_INPUT',
        `${name} has no column for: ${missing.join(', ')}. Expected headers such as ${PURCHASE_COLUMNS.join(', ')}.`,
      );
    }
    const match = createMatcher(ctx.db);
    const errors: RowError[] = [];
    const valid: { row: number; purchase: PurchaseInput }[] = [];
    let rows = 0;
    for (let next = await table.rows.next(); !next.done; next = await table.rows.next()) {
      const { row, fields } = next.value;
      rows++;
      const read = readPurchase(fields, row, mapped, match);
      if ('errors' in read) errors.push(...read.errors);
      else valid.push({ row, purchase: read.purchase });
    }
    if (rows === 0)
      throw new CoreError('INVALID_INPUT', `${name} has a header but no rows: there is nothing to import.`);
    const errorRows = new Set(errors.map((e) => e.row)).size;
    const writes = !input.dry_run && valid.length > 0 && (input.mode === 'valid-rows' || errorRows === 0);
    const importId = writes ? writePurchases(ctx, input, table.format, valid, rows, errorRows) : null;
    return {
      import_id: importId,
      rows,
      valid_rows: valid.length,
      error_rows: errorRows,
      added: importId === null ? 0 : valid.length,
      customers: new Set(valid.map((v) => v.purchase.customer_id)).size,
      total_pence: valid.reduce((sum, v) => sum + v.purchase.amount_pence, 0),
      refunds: valid.filter((v) => v.purchase.amount_pence < 0).length,
      unknown_columns: unknown,
      sample: valid.slice(0, 10).map((v) => ({ row: v.row, ...v.purchase })),
      errors: errors.slice(0, MAX_ERRORS_RETURNED).map((e) => ({ row: e.row, column: e.column, message: e.message })),
      errors_total: errors.length,
    };
  } finally {
    table.close();
  }
}

function readPurchase(
  fields: readonly string[],
  row: number,
  mapped: Mapped,
  match: ReturnType<typeof createMatcher>,
): { purchase: PurchaseInput } | { errors: RowError[] } {
  const cell = (c: PurchaseColumn) => (mapped[c] === undefined ? '' : (fields[mapped[c]] ?? '').trim());
  // The guard looks at every cell, mapped or not: a card number goes no further than this row.
  const card = fields.findIndex((f) => containsCardNumber(f));
  if (card !== -1) return { errors: [{ row, column: `column ${card + 1}`, message: CARD_NUMBER_MESSAGE, value: '' }] };

  const phone = cell('phone') ? checkPhone(cell('phone')) : null;
  const customer = match({
    ref: cell('customer_ref'),
    emails: cell('email') ? [{ address: cell('email') }] : [],
    phones: phone?.ok ? [{ e164: phone.e164 }] : [],
  });
  if (!customer) {
    const given = [cell('customer_ref'), cell('email'), cell('phone')].filter(Boolean).join(' / ');
    return {
      errors: [
        {
          row,
          column: 'customer',
          message: given
            ? `No customer has the customer number, email or phone ${given}: add the customer first.`
            : 'The row does not say who the customer is (customer number, email or phone).',
          value: maskCardNumbers(given),
        },
      ],
    };
  }
  const amount = poundsToPence(cell('amount'));
  if (amount === null) {
    return {
      errors: [
        {
          row,
          column: 'amount',
          message: 'Enter the amount in pounds, such as 12.50 or -3.00.',
          value: cell('amount'),
        },
      ],
    };
  }
  const parsed = PurchaseInput.safeParse({
    customer_id: customer.id,
    date: normaliseDate(cell('date')),
    item: cell('item'),
    category: cell('category'),
    quantity: cell('quantity') === '' ? 1 : Number(cell('quantity')),
    amount_pence: amount,
    channel: cell('channel'),
    venue: cell('venue'),
    seat: cell('seat'),
  });
  if (parsed.success) return { purchase: parsed.data };
  return {
    errors: fieldErrors(parsed.error).map((e) => {
      const column = (e.path === 'amount_pence' ? 'amount' : e.path) as PurchaseColumn;
      return { row, column, message: e.message, value: maskCardNumbers(cell(column) ?? '') };
    }),
  };
}

function writePurchases(
  ctx: Context,
  input: Parsed<'purchases.import'>,
  format: string,
  valid: { row: number; purchase: PurchaseInput }[],
  rows: number,
  errorRows: number,
): number {
  const userId = ctx.session.user.id;
  const now = ctx.now();
  return ctx.db.transaction(() => {
    const importId = insertBatch(
      ctx.db,
      {
        source: input.source,
        fileName: input.filename,
        format: purchasesFormat(format),
        mapping: '[]',
        onMatch: 'skip',
        mode: input.mode,
      },
      userId,
      now,
    );
    for (const { purchase: p } of valid) insertPurchase(ctx.db, p, now, userId, importId);
    noteImportedPurchases(ctx.db, importId);
    saveCounts(ctx.db, importId, {
      rows,
      created: valid.length,
      updated: 0,
      skipped: 0,
      rejected: errorRows,
      matched: valid.length,
    });
    setStatus(ctx.db, importId, 'finished', { finished: now }, `Purchases and bookings: ${valid.length} added.`);
    appendAudit(ctx.db, userId, now, {
      action: 'purchases.import',
      entity: 'import',
      entityId: importId,
      detail: { file: input.filename, source: input.source, added: valid.length, rejected: errorRows },
    });
    return importId;
  })();
}
