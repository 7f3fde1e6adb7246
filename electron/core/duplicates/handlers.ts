// Duplicates: the review queue (scanned at once or in steps), the warning at the counter,
// "not duplicates", merging two records or a group, and undo.
import type { Handlers } from '../context';
import { checkDraft, dismissPair, scanForDuplicates } from './duplicates.service';
import { mergeRecords } from './merge';
import { mergeGroupRecords } from './merge-group';
import { cancelScan, startScan, stepScan } from './scan-job';
import { listMergeHistory, unmergeRecords } from './unmerge';

export const handlers: Handlers<'duplicates'> = {
  'duplicates.scan': scanForDuplicates,
  'duplicates.scanStart': startScan,
  'duplicates.scanStep': stepScan,
  'duplicates.scanCancel': cancelScan,
  'duplicates.check': checkDraft,
  'duplicates.dismiss': dismissPair,
  'duplicates.merge': mergeRecords,
  'duplicates.mergeGroup': mergeGroupRecords,
  'duplicates.unmerge': unmergeRecords,
  'duplicates.history': listMergeHistory,
};
