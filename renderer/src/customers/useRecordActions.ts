// The record's actions that call the core: archive or unarchive, "verified today", and the
// summary PDF saved where the host saves files. Errors go to the record's banner.
import { useState } from 'react';
import type { Customer } from '../../../shared/customer';
import { attempt } from '../client';
import { base64ToBytes, savedMessage, saveFile } from '../download';
import { recordChanged, useWorkspace } from '../store';

export function useRecordActions(setError: (message: string | null) => void) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  async function toggleArchived(customer: Customer) {
    setBusy(true);
    const result = await attempt('customers.setArchived', { id: customer.id, archived: !customer.archived });
    setBusy(false);
    if (result.ok) recordChanged(result.value);
    else setError(result.error.message);
  }

  async function verify(customer: Customer) {
    setBusy(true);
    const result = await attempt('customers.verify', { id: customer.id });
    setBusy(false);
    if (result.ok) useWorkspace.setState({ current: result.value });
    else setError(result.error.message);
  }

  /** The record as this person may see it, made by the core, saved where the host saves files. */
  async function savePdf(customer: Customer) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await attempt('customers.summaryPdf', { id: customer.id });
    if (!result.ok) {
      setBusy(false);
      return setError(result.error.message);
    }
    const { filename, pdf_base64, left_out } = result.value;
    const saved = await saveFile(filename, base64ToBytes(pdf_base64), 'application/pdf', { announce: false });
    setBusy(false);
    if (!saved.path) return setError(savedMessage(saved));
    const omitted = left_out.length ? ` Left out because of your role: ${left_out.join(', ')}.` : '';
    setNotice(`${savedMessage(saved)}${omitted}`);
  }

  return { busy, notice, setNotice, toggleArchived, verify, savePdf };
}
