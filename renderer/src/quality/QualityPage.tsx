// Data quality (owner and manager): the verification worklist (records nobody has confirmed with
// the customer for stale_after_months, oldest first, each with "Verified today"), and the review
// of redundant records with the reason for each, checkboxes, a preview of what will go, and
// "Erase selected" behind a confirmation. Erasure is real; only counts per rule are kept. The
// same review lists values held past their own field's retention, erased the same way while
// their records stay.
import { RedundantReview } from '../retention/RedundantReview';
import { CompletenessCard } from './CompletenessCard';
import { StaleList } from './StaleList';

export function QualityPage() {
  return (
    <main className="page" aria-labelledby="quality-title">
      <header className="page__head">
        <h1 id="quality-title" className="record__name">
          Data quality
        </h1>
        <p className="muted">Confirm old details with customers, and delete records that have served their purpose.</p>
      </header>
      <StaleList />
      <RedundantReview />
      <CompletenessCard />
    </main>
  );
}
