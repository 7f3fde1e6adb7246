// Open a customer's record from a page outside the counter (a worklist, a review).
import { openPane, showView } from '../store';

export function openRecord(id: number) {
  showView('customers');
  openPane({ kind: 'view', id });
}
