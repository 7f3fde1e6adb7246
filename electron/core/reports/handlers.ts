// The reports capability's handlers, spread into the one dispatch (electron/core/api.ts).
import type { Handlers } from '../context';
import { repeatReport, rfmReport, salesReport } from './reports.service';

export const handlers: Handlers<'reports'> = {
  'reports.rfm': rfmReport,
  'reports.sales': salesReport,
  'reports.repeat': repeatReport,
};
