// Purchases and bookings, the buying summary, and purchases imported from a till export.
import type { Handlers } from '../context';
import { addPurchase, buyingSummary, listPurchases } from './purchases.service';
import { importPurchases } from './purchases-import';

export const handlers: Handlers<'purchases'> = {
  'purchases.add': addPurchase,
  'purchases.list': listPurchases,
  'purchases.import': importPurchases,
  'purchases.summary': buyingSummary,
};
