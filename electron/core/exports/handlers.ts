// Exports for a stated purpose.
import type { Handlers } from '../context';
import { runExport } from './exports.service';

export const handlers: Handlers<'exports'> = {
  'exports.run': runExport,
};
