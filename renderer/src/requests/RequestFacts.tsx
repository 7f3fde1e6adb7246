// What is known about one request, as facts: who asks and why, the identity check, the lawful
// basis in words, when it arrived and who decided, what was handed over (or corrected) and how
// receipt was confirmed.
import { basisLabel, DELIVERY_LABELS, type InfoRequest } from '../../../shared/contract/requests';
import { formatDay, formatStamp } from '../format';
import { FactRow as Row } from '../ui/FactRow';
import { CONFIRM_LABELS, type ConfirmMethod, correctedLabels, fieldLabels, REQUESTER_LABELS } from './labels';

export function RequestFacts({ request: r, labels }: { request: InfoRequest; labels: Record<string, string> }) {
  const rectification = r.kind === 'rectification';
  const who = [r.requester_name, r.requester_org].filter(Boolean).join(', ');
  const confirmed = CONFIRM_LABELS[r.confirmation_method as ConfirmMethod]?.toLowerCase() ?? r.confirmation_method;
  return (
    <dl className="facts facts--compact">
      <Row term="Who asks" value={`${REQUESTER_LABELS[r.requester_type]}: ${who}`} />
      <Row term="Why" value={r.reason} />
      <Row term="Identity checked" value={r.identity_check} />
      <Row term="Lawful basis" value={basisLabel(r.kind, r.lawful_basis)} />
      <Row term="Received" value={`${formatDay(r.received_at)}, recorded by ${r.created_by}`} />
      {r.decided_at && (
        <Row
          term={r.status === 'refused' ? 'Refused' : 'Approved'}
          value={`${formatStamp(r.decided_at)} by ${r.decided_by}${r.decision_note ? `: ${r.decision_note}` : ''}`}
        />
      )}
      {r.supplied_at && rectification && (
        <>
          <Row term="Corrected" value={`${formatStamp(r.supplied_at)} by ${r.supplied_by}`} />
          <Row term="Fields corrected" value={correctedLabels(r.fields)} />
        </>
      )}
      {r.confirmed_at && r.confirmation_method === 'corrected' && (
        <Row
          term="Closed as corrected"
          value={`${formatStamp(r.confirmed_at)}${r.confirmation_note ? `. ${r.confirmation_note}` : ''}`}
        />
      )}
      {r.supplied_at && !rectification && (
        <>
          <Row term="Handed over" value={`${formatStamp(r.supplied_at)} by ${r.supplied_by}`} />
          <Row term="Fields" value={fieldLabels(r.fields, labels)} />
          <Row term="Channel" value={DELIVERY_LABELS[r.channel] ?? r.channel} />
        </>
      )}
      {r.confirmed_at && r.confirmation_method !== 'corrected' && (
        <Row
          term="Receipt confirmed"
          value={`${formatStamp(r.confirmed_at)}, ${confirmed}; understood: ${r.understood ? 'yes' : 'no'}${r.confirmation_note ? `. ${r.confirmation_note}` : ''}`}
        />
      )}
    </dl>
  );
}
