// The reports capability's handlers, spread into the one dispatch (electron/core/api.ts).
import { repeatReport, rfmReport, salesReport } from './reports.service';

export const reportHandlers = {
  'reports.rfm': rfmReport,
  'reports.sales': salesReport,
  'reports.repeat': repeatReport,
} as const;
