import { zh } from '../../shared/messages/zh-CN';
import { AuditScreen } from './features/audit/audit-screen';
import { BallotImportScreen } from './features/imports/ballot-import-screen';
import { TallyScreen } from './features/entry/tally-screen';
import { FormDesigner } from './features/forms/form-designer';
import { FormsList } from './features/forms/forms-list';
import { MeetingEditor } from './features/meetings/meeting-editor';
import { ProjectorScreen } from './features/projector/projector-screen';
import { ReconcileScreen } from './features/reconcile/reconcile-screen';
import { ResultsScreen } from './features/results/results-screen';
import { WorkbookEditor } from './features/workbooks/workbook-editor';
import { WorkbookList } from './features/workbooks/workbook-list';
import { VerifyScreen } from './features/verify/verify-screen';
import { WorkbookPage } from './features/workbooks/workbook-page';
import { MergeScreen } from './features/transfer/merge-screen';
import { RollupScreen } from './features/transfer/rollup-screen';
import { SnapshotsScreen } from './features/snapshots/snapshots-screen';
import { RestoreBanner } from './features/snapshots/restore-banner';
import { PlanScreen } from './features/plan/plan-screen';
import { InterviewsScreen } from './features/interviews/interviews-screen';
import { ReviewScreen } from './features/review/review-screen';
import { RisksScreen } from './features/risks/risks-screen';
import { JudgementScreen } from './features/judgement/judgement-screen';
import type { ReactNode } from 'react';
import type { Route, RouteName, RouteOf } from './router';
import { useRoute } from './router';
import { Notice, Page } from './ui/layout';

export function App() {
  const route = useRoute();
  // The projector is a second window showing one meeting: the start-up check and snapshots belong to the main one.
  if (route.name === 'projector') return <ProjectorScreen key={route.id} id={route.id} />;
  return (
    <>
      <RestoreBanner />
      <CurrentScreen />
    </>
  );
}

/** The screen of each route of router.ts: the compiler refuses a route without one. */
const SCREENS: { [N in RouteName]: (route: RouteOf<N>) => ReactNode } = {
  home: () => <WorkbookList />,
  'workbook-new': () => <WorkbookEditor id={null} />,
  workbook: (r) => <WorkbookPage key={r.id} id={r.id} />,
  'workbook-edit': (r) => <WorkbookEditor key={r.id} id={r.id} />,
  plan: (r) => <PlanScreen key={r.id} workbookId={r.id} />,
  interviews: (r) => <InterviewsScreen key={r.id} workbookId={r.id} />,
  review: (r) => <ReviewScreen key={r.id} workbookId={r.id} />,
  risks: (r) => <RisksScreen key={r.id} workbookId={r.id} />,
  judgement: (r) => <JudgementScreen key={r.id} workbookId={r.id} />,
  'meeting-new': (r) => <MeetingEditor key={r.workbookId} workbookId={r.workbookId} meetingId={null} />,
  'meeting-edit': (r) => <MeetingEditor key={r.id} workbookId={null} meetingId={r.id} />,
  tally: (r) => <TallyScreen key={r.id} id={r.id} />,
  results: (r) => <ResultsScreen key={r.id} id={r.id} />,
  projector: (r) => <ProjectorScreen key={r.id} id={r.id} />,
  reconcile: (r) => <ReconcileScreen key={r.id} id={r.id} />,
  'ballot-import': (r) => <BallotImportScreen key={r.id} id={r.id} />,
  audit: () => <AuditScreen />,
  verify: () => <VerifyScreen />,
  forms: () => <FormsList />,
  merge: () => <MergeScreen />,
  rollup: () => <RollupScreen />,
  snapshots: () => <SnapshotsScreen />,
  'form-edit': (r) => <FormDesigner key={`${r.id}-${r.from ?? ''}`} id={r.id} from={r.from} />,
  'not-found': () => (
    <Page title={zh.ui.notFound}>
      <Notice kind="warning">{zh.ui.notFound}</Notice>
    </Page>
  ),
};

function CurrentScreen() {
  const route = useRoute();
  return (SCREENS[route.name] as (route: Route) => ReactNode)(route);
}
