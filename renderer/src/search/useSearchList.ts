// The counter search's list, kept in step with the box: each change of query, filter or revision
// (a save, a merge, an archive) asks the core through one scheduler (latest-query.ts), and the
// answer to the latest request only is put in the workspace store. Says whether the shown list is
// still catching up, and holds an Enter pressed before the answer came.
import { useEffect, useRef, useState } from 'react';
import { attempt } from '../client';
import { openPane, searchKey, useWorkspace } from '../store';
import { latestQuery } from './latest-query';

/** What one list answer was asked for. */
type ListRequest = { query: string; includeArchived: boolean; missingOnly: boolean; revision: number; key: string };

/** The key an answer is filed under: the filter's list is a different answer from any search. */
function listKey(query: string, includeArchived: boolean, missingOnly: boolean): string {
  return missingOnly ? `missing:${includeArchived ? 'all' : 'live'}` : searchKey(query, includeArchived);
}

/** `missingOnly`: the "Missing must-haves" filter, whose list shows instead of the search answer. */
export function useSearchList(missingOnly: boolean) {
  const query = useWorkspace((s) => s.query);
  const includeArchived = useWorkspace((s) => s.includeArchived);
  const answered = useWorkspace((s) => s.answered);
  const revision = useWorkspace((s) => s.revision);
  const [failure, setFailure] = useState<string | null>(null);
  // The revision the shown list answers: after a save, merge or undo the list is busy until reloaded.
  const [settledRevision, setSettledRevision] = useState(revision);
  // Enter pressed before the answer came: open the first match when it does.
  const openWhenSettled = useRef(false);

  // One scheduler for the panel's life; what it delivers is the answer to the latest request only.
  const [scheduler] = useState(() =>
    latestQuery(
      (request: ListRequest) =>
        request.missingOnly
          ? attempt('customers.missing', { limit: 200, include_archived: request.includeArchived })
          : attempt('search.query', { q: request.query, limit: 200, include_archived: request.includeArchived }),
      (request, result) => {
        setSettledRevision(request.revision);
        if (!result.ok) {
          setFailure(result.error.message);
          useWorkspace.setState({ answered: request.key, results: [], selected: -1 });
          return;
        }
        setFailure(null);
        // A reload of the same query (after a save) keeps the chosen row; a new query starts at the top.
        const before = useWorkspace.getState();
        const keepId = before.answered === request.key ? before.results[before.selected]?.id : undefined;
        const items = result.value.items;
        const kept =
          keepId === undefined
            ? 0
            : Math.max(
                0,
                items.findIndex((c) => c.id === keepId),
              );
        useWorkspace.setState({
          results: items,
          capped: result.value.capped,
          answered: request.key,
          selected: items.length === 0 ? -1 : kept,
        });
        if (openWhenSettled.current) {
          openWhenSettled.current = false;
          if (items[0]) openPane({ kind: 'view', id: items[0].id });
        }
      },
    ),
  );
  useEffect(() => () => scheduler.dispose(), [scheduler]);

  // A new revision (a save, a merge, an archive) reloads the list.
  useEffect(() => {
    const key = listKey(query, includeArchived, missingOnly);
    // An emptied box, the filter, or a reload after a save need not wait for more typing.
    const immediate = query === '' || missingOnly || useWorkspace.getState().answered === key;
    scheduler.request({ query, includeArchived, missingOnly, revision, key }, immediate);
  }, [query, includeArchived, revision, missingOnly, scheduler]);

  const busy = answered !== listKey(query, includeArchived, missingOnly) || settledRevision !== revision;
  return { busy, failure, openWhenSettled };
}
