// Customers: recording, reading, editing, verifying, archiving and erasing them, where each value
// came from, the organisations a person may belong to, and the records lacking a must-have.
import type { Handlers } from '../context';
import { archiveCustomer, createCustomer, editCustomer, readCustomer } from './customers.service';
import { findOrganisations, readProvenance } from './details.service';
import { eraseCustomer } from './erase';
import { previewErasure } from './erase-preview';
import { listMissing } from './missing';
import { summaryPdf } from './summary-pdf';
import { verifyCustomer } from './verify';

export const handlers: Handlers<'customers'> = {
  'customers.create': createCustomer,
  'customers.get': readCustomer,
  'customers.update': editCustomer,
  'customers.setArchived': archiveCustomer,
  'customers.erase': eraseCustomer,
  'customers.erasePreview': previewErasure,
  'customers.summaryPdf': summaryPdf,
  'customers.verify': verifyCustomer,
  'customers.missing': listMissing,
  'customers.provenance': readProvenance,
  'customers.organisations': findOrganisations,
};
