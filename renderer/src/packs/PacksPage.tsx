// The event packs page (owners and managers): make a pack for an event laptop, merge packs back,
// review what a merge left for a person, undo a merge, wipe a merged pack. Packs are written to and
// read from the packs folder beside the customer file; the laptop opens the pack file itself.
import { useCallback, useState } from 'react';
import { attempt } from '../client';
import { useCan } from '../permissions';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';
import { MakePackForm } from './MakePackForm';
import { PackList } from './PackList';
import { PackReview } from './PackReview';

export function PacksPage() {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload after every change
  const list = useLoad(useCallback(() => attempt('packs.list', {}), [version]));
  const canMake = useCan('packs.make');
  const changed = (text: string) => {
    setMessage(text);
    setVersion((v) => v + 1);
  };
  return (
    <main className="page" aria-labelledby="packs-title">
      <h1 id="packs-title">Event packs</h1>
      <p>
        A pack takes sign-ups, look-ups and sales to an event laptop with no network, in a file of its own with its own
        passphrase. Packs are kept in {list.data?.folder ?? 'the event-packs folder beside the customer file'}; open one
        on the laptop as its customer file.
      </p>
      {message && <output className="banner banner--info">{message}</output>}
      <ErrorBanner message={list.error} />
      <PackList packs={list.data?.packs ?? []} onChanged={changed} />
      <PackReview version={version} onChanged={changed} />
      {canMake && <MakePackForm onMade={changed} />}
    </main>
  );
}
