// A subject-access request in one path, three steps on its card: the request (recorded on the
// legal-obligation basis; approved where a third party asks), the complete pack (everything held,
// PDF and JSON, with what Article 15 says the person must be told: nothing to choose, nothing
// left out), and receipt of that pack confirmed. The step to do next is marked and focusable.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../shared/contract';
import type { InfoRequest } from '../../../shared/contract/requests';
import { attempt } from '../client';
import { base64ToBytes, savedMessage, saveFile } from '../download';
import { formatDay, formatStamp } from '../format';
import { useCan } from '../permissions';
import { ErrorBanner } from '../ui/ErrorBanner';
import { ConfirmForm } from './ConfirmForm';
import { DecideButtons } from './DecideButtons';
import { useStep } from './useStep';

type Props = {
  request: InfoRequest;
  options: Output<'requests.options'> | null;
  focus: boolean;
  onChanged: () => Promise<void>;
};

export function SubjectAccessPath({ request: r, options, focus, onChanged }: Props) {
  const { busy, problem, run } = useStep(onChanged);
  const [saved, setSaved] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const canPack = useCan('requests.accessPack') && options?.pack.allowed === true;
  const canConfirm = useCan('requests.confirm');
  const next = useRef<HTMLButtonElement>(null);
  const recorded = r.status !== 'awaiting_approval' && r.status !== 'refused';
  const packed = r.status === 'supplied' || r.status === 'confirmed';
  const confirmed = r.status === 'confirmed';
  const current = !recorded ? 1 : !packed ? 2 : !confirmed ? 3 : 0;

  useEffect(() => {
    if (focus) next.current?.focus();
  }, [focus]);

  const prepare = () =>
    run(
      () => attempt('requests.accessPack', { id: r.id }),
      async (pack) => {
        setSaved([]);
        const files = await Promise.all([
          saveFile(`${pack.filename}.pdf`, base64ToBytes(pack.pdf_base64), 'application/pdf', { announce: false }),
          saveFile(`${pack.filename}.json`, pack.json, 'application/json', { announce: false }),
        ]);
        setSaved(files.map(savedMessage));
      },
    );

  return (
    <>
      <ErrorBanner message={problem} />
      <ol className="sar-path" aria-label="Subject access, step by step">
        <Step n={1} title="The request" current={current} done={recorded}>
          {r.status === 'refused' ? (
            <p className="muted">Refused: no pack is prepared.</p>
          ) : recorded ? (
            <p>
              Received {formatDay(r.received_at)}. The law requires the answer
              {r.due_at ? ` by ${formatDay(r.due_at)}` : ''}, so the lawful basis is preset.
            </p>
          ) : (
            <div className="request__actions">
              <DecideButtons request={r} busy={busy} run={run} />
            </div>
          )}
        </Step>
        <Step n={2} title="The complete pack" current={current} done={packed}>
          <p>
            Everything held about the customer, as a PDF to read and a JSON file, with why each kind of data is held,
            how long it is kept, where it came from, who it was given to and their rights.
          </p>
          {packed && <p>{`Prepared ${formatStamp(r.supplied_at)} by ${r.supplied_by}.`}</p>}
          {saved.map((line) => (
            <p key={line} role="status" className="sar-path__saved">
              {line}
            </p>
          ))}
          {recorded && !confirmed && canPack && (
            <button
              ref={current === 2 ? next : undefined}
              type="button"
              className={`button button--small${packed ? '' : ' button--primary'}`}
              disabled={busy}
              onClick={() => void prepare()}
            >
              {busy ? 'Preparing the pack…' : packed ? 'Save the pack again' : 'Prepare and save the complete pack'}
            </button>
          )}
        </Step>
        <Step n={3} title="Receipt of the pack" current={current} done={confirmed}>
          {packed && !confirmed && canConfirm && !confirming && (
            <button
              ref={current === 3 ? next : undefined}
              type="button"
              className="button button--small button--primary"
              onClick={() => setConfirming(true)}
            >
              Confirm receipt of the pack
            </button>
          )}
          {confirming && !confirmed && (
            <ConfirmForm
              request={r}
              onCancel={() => setConfirming(false)}
              onDone={async () => {
                setConfirming(false);
                await onChanged();
              }}
            />
          )}
          {confirmed && (
            <p>{`Confirmed ${formatStamp(r.confirmed_at)} for the pack prepared ${formatStamp(r.supplied_at)}.`}</p>
          )}
        </Step>
      </ol>
    </>
  );
}

function Step(props: { n: number; title: string; current: number; done: boolean; children: ReactNode }) {
  const state = props.done ? 'done' : props.current === props.n ? 'current' : 'waiting';
  return (
    <li className={`sar-path__step sar-path__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
      <h4 className="sar-path__title">
        <span className="sar-path__mark" aria-hidden="true">
          {props.done ? '✓' : props.n}
        </span>
        {props.title}
        <span className="sr-only">{props.done ? ' (done)' : state === 'current' ? ' (next)' : ''}</span>
      </h4>
      {props.children}
    </li>
  );
}
