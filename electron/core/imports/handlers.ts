// Importing customers from a file: preview, the stepped job, undo and confirm, saved mappings.
import type { Handlers } from '../context';
import {
  cancelImport,
  confirmImport,
  errorReport,
  listImports,
  previewUpload,
  readTemplates,
  saveTemplate,
  startImport,
  stepImport,
  undoImport,
} from './imports.service';

export const handlers: Handlers<'imports'> = {
  'imports.preview': previewUpload,
  'imports.errorReport': errorReport,
  'imports.start': startImport,
  'imports.step': stepImport,
  'imports.cancel': cancelImport,
  'imports.undo': undoImport,
  'imports.confirm': confirmImport,
  'imports.list': listImports,
  'imports.templates': readTemplates,
  'imports.saveTemplate': saveTemplate,
};
