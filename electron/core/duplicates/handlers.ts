// Duplicates: the review queue, the warning at the counter, "not duplicates", merge and undo.
import type { Handlers } from '../context';
import { checkDraft, dismissPair, scanForDuplicates } from './duplicates.service';
import { listMergeHistory, mergeRecords, unmergeRecords } from './merge';

export const handlers: Handlers<'duplicates'> = {
  'duplicates.scan': scanForDuplicates,
  'duplicates.check': checkDraft,
  'duplicates.dismiss': dismissPair,
  'duplicates.merge': mergeRecords,
  'duplicates.unmerge': unmergeRecords,
  'duplicates.history': listMergeHistory,
};
