// The canonical customer columns: the CSV header the foundation imports and exports, the fields an
// export may choose from, and the names an import maps to without asking. Derived from the
// catalogue of built-in fields (shared/fields.ts), in its order.
import { EXPORT_COLUMNS, type ExportColumn } from './fields';

export const CUSTOMER_COLUMNS = EXPORT_COLUMNS;
export type CustomerColumn = ExportColumn;
