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
import { useRoute } from './router';
import { Notice, Page } from './ui/layout';

export function App() {
  const route = useRoute();
  // The projector is a second window showing one meeting: the start-up check and snapshots belong to the main one.
  if (route.name === 'projector') return <ProjectorScreen key={route.id} id={route.id} />;
  return (
    <>
      <RestoreBanner />
      <Screen />
    </>
  );
}

function Screen() {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <WorkbookList />;
    case 'workbook-new':
      return <WorkbookEditor id={null} />;
    case 'workbook':
      return <WorkbookPage key={route.id} id={route.id} />;
    case 'workbook-edit':
      return <WorkbookEditor key={route.id} id={route.id} />;
    case 'plan':
      return <PlanScreen key={route.id} workbookId={route.id} />;
    case 'interviews':
      return <InterviewsScreen key={route.id} workbookId={route.id} />;
    case 'review':
      return <ReviewScreen key={route.id} workbookId={route.id} />;
    case 'risks':
      return <RisksScreen key={route.id} workbookId={route.id} />;
    case 'judgement':
      return <JudgementScreen key={route.id} workbookId={route.id} />;
    case 'meeting-new':
      return <MeetingEditor key={route.workbookId} workbookId={route.workbookId} meetingId={null} />;
    case 'meeting-edit':
      return <MeetingEditor key={route.id} workbookId={null} meetingId={route.id} />;
    case 'tally':
      return <TallyScreen key={route.id} id={route.id} />;
    case 'results':
      return <ResultsScreen key={route.id} id={route.id} />;
    case 'projector':
      return <ProjectorScreen key={route.id} id={route.id} />;
    case 'reconcile':
      return <ReconcileScreen key={route.id} id={route.id} />;
    case 'ballot-import':
      return <BallotImportScreen key={route.id} id={route.id} />;
    case 'audit':
      return <AuditScreen />;
    case 'verify':
      return <VerifyScreen />;
    case 'forms':
      return <FormsList />;
    case 'merge':
      return <MergeScreen />;
    case 'rollup':
      return <RollupScreen />;
    case 'snapshots':
      return <SnapshotsScreen />;
    case 'form-edit':
      return <FormDesigner key={`${route.id}-${route.from ?? ''}`} id={route.id} from={route.from} />;
    case 'not-found':
      return (
        <Page title={zh.ui.notFound}>
          <Notice kind="warning">{zh.ui.notFound}</Notice>
        </Page>
      );
  }
}
