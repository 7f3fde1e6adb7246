// The backups methods: status and warning, a backup on demand, the list, a restore's preview and the restore.
import type { Handlers } from '../context';
import { backupStatus, createBackup, listFolder, previewRestore, restoreNamed } from './backups.service';

export const handlers: Handlers<'backups'> = {
  'backups.status': backupStatus,
  'backups.create': createBackup,
  'backups.list': listFolder,
  'backups.preview': previewRestore,
  'backups.restore': restoreNamed,
};
