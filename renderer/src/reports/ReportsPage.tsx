// Buying patterns (owners, managers and staff): who the best customers are (RFM groups), what
// sells when, and how often people come back, all for the period and basis chosen at the top. Each
// figure is a table a screen reader and the keyboard can read, downloadable as CSV; aggregates only.
import { useState } from 'react';
import type { SalesBy } from '../../../shared/contract/reports';
import { BriefForm } from '../briefs/BriefForm';
import { useCan } from '../permissions';
import { FiguresFor, useFigures } from './FiguresFor';
import { RepeatSection } from './RepeatSection';
import { RfmSection } from './RfmSection';
import { SalesSection } from './SalesSection';

export function ReportsPage() {
  const [by, setBy] = useState<SalesBy>('month');
  const { choice, setChoice, figures, problem } = useFigures();
  const canBrief = useCan('briefs.make');
  return (
    <main className="page" aria-labelledby="reports-title">
      <h1 className="page__title" id="reports-title">
        Buying patterns
      </h1>
      <FiguresFor choice={choice} setChoice={setChoice} problem={problem} />
      <RfmSection figures={figures} />
      <SalesSection figures={figures} by={by} setBy={setBy} />
      <RepeatSection figures={figures} />
      {canBrief && <BriefForm salesBy={by} figures={figures} />}
    </main>
  );
}
