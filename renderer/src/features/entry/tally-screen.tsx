/**
 * The tally screen (计票): paper ballots are entered with the keyboard contract of DESIGN.md while
 * the running counts and the meeting checks stay in view. A ballot is shown as saved only after
 * its strict IndexedDB transaction has completed.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BLANK } from '../../../../shared/domain/ballot';
import type { ItemMark } from '../../../../shared/domain/ballot';
import { tally } from '../../../../shared/domain/tally';
import { zh } from '../../../../shared/messages/zh-CN';
import type { BallotRow, MeetingRecord, WorkbookRecord } from '../../db/records';
import { repository } from '../../db/repository';
import { href, navigate } from '../../router';
import { ChecksList, StatusBadge } from '../../ui/checks-list';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { entryItems } from './ballot-view';
import type { EntryDraft, EntryEffect, EntryLayout } from './entry-machine';
import { actionForKey, applyEntryAction, correctionDraft, emptyDraft, isDraftEmpty } from './entry-machine';
import { DraftBallot, KeyHelp, OptionLegend, RecentBallots, RunningCounts } from './entry-panels';
import { InvalidReasonDialog } from './invalid-reason-dialog';

const t = zh.ui.entry;

type Feedback = { kind: 'info' | 'warning' | 'error' | 'success'; text: string } | null;

/** Runs commits one after another, so ballot numbers follow the order of entry. */
function useCommitQueue() {
  const tail = useRef<Promise<unknown>>(Promise.resolve());
  const [pending, setPending] = useState(0);
  const enqueue = useCallback(<T,>(task: () => Promise<T>): Promise<T> => {
    setPending((n) => n + 1);
    const run = tail.current.then(task, task);
    tail.current = run.then(
      () => setPending((n) => n - 1),
      () => setPending((n) => n - 1),
    );
    return run;
  }, []);
  const idle = useCallback(() => tail.current, []);
  return { enqueue, idle, pending };
}

function Screen({ workbook, meeting, initialBallots }: { workbook: WorkbookRecord; meeting: MeetingRecord; initialBallots: BallotRow[] }) {
  const [ballots, setBallots] = useState<BallotRow[]>(initialBallots);
  // The latest list, for handlers that run after queued commits have finished (state would be stale there).
  const ballotsRef = useRef<BallotRow[]>(initialBallots);
  const candidateNames = useMemo(() => meeting.candidates.map((c) => c.name), [meeting]);
  const items = useMemo(() => entryItems(meeting.form, candidateNames), [meeting, candidateNames]);
  const layout: EntryLayout = useMemo(
    () => ({ itemCount: items.length, optionCounts: items.map((i) => meeting.form.questions[i.question]!.options.length) }),
    [items, meeting],
  );
  const [draft, setDraft] = useState<EntryDraft>(() => emptyDraft(layout));
  // Keys act on the latest draft, even when they arrive faster than React renders.
  const draftRef = useRef<EntryDraft>(draft);
  const updateDraft = useCallback((next: (current: EntryDraft) => EntryDraft) => {
    draftRef.current = next(draftRef.current);
    setDraft(draftRef.current);
  }, []);
  const [choosingReason, setChoosingReason] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [focused, setFocused] = useState(false);
  const entryArea = useRef<HTMLDivElement>(null);
  const { enqueue, idle, pending } = useCommitQueue();

  const result = useMemo(
    () => tally({ form: meeting.form, candidates: candidateNames, counts: meeting.counts, quorum: meeting.quorum, ballots }),
    [meeting, candidateNames, ballots],
  );
  const nextNumber = (ballots.reduce((max, b) => Math.max(max, b.number), 0) || 0) + 1 + pending;

  const focusEntry = useCallback(() => entryArea.current?.focus(), []);

  /**
   * Queues a ballot for saving. The ballot is built when its turn comes, so "*" copies the ballot
   * saved just before it even while earlier saves are still running.
   */
  const commit = useCallback(
    (build: () => { marks: ItemMark[]; invalidReason: string | null } | null, correcting: EntryDraft['correcting']) => {
      const started = performance.now();
      let built: { marks: ItemMark[]; invalidReason: string | null } | null = null;
      enqueue(async () => {
        built = build();
        if (built === null) return null;
        const note = correcting ? { ballotId: correcting.ballotId, note: t.correctionNote } : null;
        return repository.commitBallot(meeting, { ...built, writeIns: [] }, note);
      }).then(
        (row) => {
          if (row === null) {
            setFeedback({ kind: 'warning', text: t.noPrevious });
            return;
          }
          performance.measure('tally:commit', { start: started, end: performance.now() });
          const rest = row.supersedes ? ballotsRef.current.filter((b) => b.id !== row.supersedes) : ballotsRef.current;
          ballotsRef.current = [...rest, row].sort((a, b) => a.number - b.number);
          setBallots(ballotsRef.current);
          setFeedback({ kind: 'success', text: correcting ? t.correctionSaved(row.number) : t.saved(row.number, row.invalidReason) });
        },
        (error: unknown) => {
          // The ballot is not stored: put it back so nothing typed is lost, and say so.
          const lost = built;
          if (lost) {
            updateDraft((current) =>
              current.cursor === 0 && current.correcting === null ? { marks: lost.marks, cursor: layout.itemCount, correcting } : current,
            );
          }
          setFeedback({ kind: 'error', text: t.saveFailed(error instanceof Error ? error.message : String(error)) });
        },
      );
    },
    [enqueue, meeting, layout, updateDraft],
  );

  const handleEffect = useCallback(
    async (effect: EntryEffect) => {
      switch (effect.kind) {
        case 'none':
          return;
        case 'commit': {
          const marks = effect.marks;
          commit(() => ({ marks, invalidReason: null }), effect.correcting);
          return;
        }
        case 'repeat-previous':
          // "Same as the previous one" copies the ballot just before in the stack: the highest number.
          commit(() => {
            const previous = ballotsRef.current.at(-1);
            return previous ? { marks: [...previous.marks], invalidReason: previous.invalidReason } : null;
          }, null);
          return;
        case 'choose-invalid-reason':
          setChoosingReason(true);
          return;
        case 'reopen-last': {
          await idle();
          // Ctrl+Z reopens the ballot saved last, which after a correction need not be the highest number.
          const last = [...ballotsRef.current].sort((a, b) => a.enteredAt.localeCompare(b.enteredAt)).at(-1);
          if (!last) {
            setFeedback({ kind: 'warning', text: t.nothingToReopen });
            return;
          }
          updateDraft((current) => (isDraftEmpty(current) ? correctionDraft(layout, last) : current));
          setFeedback({ kind: 'info', text: t.reopened(last.number) });
          return;
        }
        case 'rejected':
          setFeedback({
            kind: 'warning',
            text:
              effect.reason === 'option-out-of-range' ? t.optionOutOfRange(layout.optionCounts[draftRef.current.cursor] ?? 0) : t.finishCurrentFirst,
          });
          return;
      }
    },
    [commit, idle, layout, updateDraft],
  );

  // React's autoFocus only applies to form controls: the entry area is focused when the screen opens.
  useEffect(() => {
    focusEntry();
  }, [focusEntry]);

  /**
   * Keys are taken at the window, not only on the focused entry area, so that no keystroke is lost
   * while focus is on its way back (after the reason dialog, or a click elsewhere on the page).
   * Typing in a form field, and Enter or Space on a focused button or link, keep their usual meaning.
   */
  useEffect(() => {
    if (choosingReason) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      if (target?.closest('a, button, summary') && target !== entryArea.current && (event.key === 'Enter' || event.key === ' ')) return;
      if (event.key === 'F8') {
        event.preventDefault();
        navigate({ name: 'results', id: meeting.id });
        return;
      }
      const current = draftRef.current;
      const optionCount = layout.optionCounts[Math.min(current.cursor, layout.itemCount - 1)] ?? 0;
      const action = actionForKey(event, optionCount);
      if (!action) return;
      event.preventDefault();
      const step = applyEntryAction(current, action, layout);
      updateDraft(() => step.draft);
      if (step.effect.kind !== 'none' && step.effect.kind !== 'rejected') setFeedback(null);
      if (document.activeElement === document.body) focusEntry();
      void handleEffect(step.effect);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [choosingReason, layout, meeting.id, handleEffect, updateDraft, focusEntry]);

  const chooseReason = (reason: string) => {
    setChoosingReason(false);
    const correcting = draftRef.current.correcting;
    updateDraft(() => emptyDraft(layout));
    const marks = new Array<ItemMark>(layout.itemCount).fill(BLANK);
    commit(() => ({ marks, invalidReason: reason }), correcting);
    focusEntry();
  };

  const entered = ballots.length;
  const returned = meeting.counts.returned;

  return (
    <Page
      title={`${meeting.title}`}
      crumbs={[{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } }]}
      actions={
        <>
          <StatusBadge status={result.status} />
          <a className="button" href={href({ name: 'results', id: meeting.id })}>
            {t.toResults} <kbd>F8</kbd>
          </a>
          <a className="button" href={href({ name: 'meeting-edit', id: meeting.id })}>
            {t.editMeeting}
          </a>
        </>
      }
    >
      <p className="meeting-line">
        {meeting.form.name}
        {meeting.form.recommend ? t.maxLine(meeting.form.recommend.maxSelections) : ''}
        {'　'}
        <span data-testid="progress" className={entered > returned ? 'over' : ''}>
          {t.progress(entered, returned)}
        </span>
      </p>
      <div className="tally-layout">
        <section className="entry-column">
          <div
            ref={entryArea}
            className={`entry-area ${focused ? 'focused' : 'blurred'}`}
            tabIndex={0}
            role="application"
            aria-label={t.entryAreaLabel}
            data-testid="entry"
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            onClick={focusEntry}
          >
            <DraftBallot form={meeting.form} items={items} draft={draft} nextNumber={nextNumber} />
            {!focused && !choosingReason ? <div className="focus-hint">{t.clickToContinue}</div> : null}
          </div>
          {choosingReason ? (
            <InvalidReasonDialog
              onChoose={chooseReason}
              onCancel={() => {
                setChoosingReason(false);
                focusEntry();
              }}
            />
          ) : null}
          <OptionLegend form={meeting.form} />
          <div className="feedback" aria-live="polite" data-testid="feedback">
            {feedback ? <Notice kind={feedback.kind}>{feedback.text}</Notice> : null}
          </div>
          <details className="key-help-box" open>
            <summary>{t.keyHelpTitle}</summary>
            <KeyHelp />
          </details>
        </section>
        <section className="side-column">
          <h2>{t.countsTitle}</h2>
          <RunningCounts form={meeting.form} result={result} />
          <h2>{t.recentTitle}</h2>
          <RecentBallots form={meeting.form} ballots={ballots} pending={pending} />
          <h2>{zh.ui.checks.title}</h2>
          <ChecksList checks={result.checks} />
        </section>
      </div>
    </Page>
  );
}

export function TallyScreen({ id }: { id: string }) {
  const [loaded] = useLoad(() => repository.loadMeetingContext(id), [id]);
  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.meetingMissing}</Notice></Page>;
  return <Screen key={id} workbook={loaded.data.workbook} meeting={loaded.data.meeting} initialBallots={loaded.data.ballots} />;
}
