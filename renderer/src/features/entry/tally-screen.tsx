/**
 * The tally screen (计票): paper ballots are entered with the keyboard contract of docs/architecture.md while
 * the running counts and the meeting checks stay in view. A ballot is shown as saved only after
 * its strict IndexedDB transaction has completed. With double entry each pass is entered here in
 * turn; with respondent groups each ballot is entered under the group chosen (F2).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { underPlan } from '../../../../shared/domain/plan';
import type { ItemMark, WriteIn } from '../../../../shared/domain/ballot';
import { BLANK } from '../../../../shared/domain/ballot';
import { tally } from '../../../../shared/domain/tally';
import { normalizeName, toHalfWidthDigits } from '../../../../shared/format/text';
import { zh } from '../../../../shared/messages/zh-CN';
import { writeInRefusal } from '../../../../shared/domain/names';
import { announceBallot } from '../../db/ballot-channel';
import { passRows, tallyInputOf } from '../../../../shared/domain/meeting-state';
import type { BallotRow, EntryPass, MeetingRecord, WorkbookRecord } from '../../db/records';
import type { MeetingContext } from '../../db/repository';
import { meetingExchange, repository } from '../../db/repository';
import { MEETING_PACKAGE_EXTENSION } from '../../../../shared/contract/meeting-package';
import { downloadText } from '../../ui/files';
import { href, navigate } from '../../router';
import { ChecksList, StatusBadge } from '../../ui/checks-list';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { entryItems } from './ballot-view';
import { PromptDialog, ReasonDialog } from './entry-dialogs';
import type { EntryDraft, EntryEffect, EntryLayout } from './entry-machine';
import { actionForKey, applyEntryAction, correctionDraft, emptyDraft, entryLayout, isDraftEmpty } from './entry-machine';
import { DraftBallot, KeyHelp, OptionLegend, RecentBallots, RunningCounts } from './entry-panels';

const t = zh.ui.entry;

type Feedback = { kind: 'info' | 'warning' | 'error' | 'success'; text: string } | null;

type Dialog =
  | { kind: 'invalid' }
  | { kind: 'write-in'; question: number }
  | { kind: 'jump' }
  | { kind: 'delete'; ballotId: string; number: number }
  | null;

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

function Screen({ workbook, meeting, initialRows }: { workbook: WorkbookRecord; meeting: MeetingRecord; initialRows: BallotRow[] }) {
  const [rows, setRows] = useState<BallotRow[]>(initialRows);
  // The latest rows, for handlers that run after queued commits have finished (state would be stale there).
  const rowsRef = useRef<BallotRow[]>(initialRows);
  // Pass, group and dialog live in refs as well as state: a key that arrives before React has
  // re-rendered must already see the pass, group or dialog the previous key chose.
  const [pass, setPassState] = useState<EntryPass>(meeting.entryPass ?? 1);
  const passRef = useRef<EntryPass>(meeting.entryPass ?? 1);
  const setPass = useCallback((next: EntryPass) => {
    passRef.current = next;
    setPassState(next);
  }, []);
  const groups = useMemo(() => meeting.groups ?? [], [meeting.groups]);
  const [groupIndex, setGroupIndexState] = useState(0);
  const groupIndexRef = useRef(0);
  const setGroupIndex = useCallback((next: number) => {
    groupIndexRef.current = next;
    setGroupIndexState(next);
  }, []);
  const group = groups[groupIndex] ?? null;
  const candidateNames = useMemo(() => meeting.candidates.map((c) => c.name), [meeting]);
  const items = useMemo(() => entryItems(meeting.form, candidateNames), [meeting, candidateNames]);
  const layout: EntryLayout = useMemo(() => entryLayout(meeting.form, meeting.candidates.length, { writeIns: true }), [meeting]);
  const [draft, setDraft] = useState<EntryDraft>(() => emptyDraft(layout));
  // Keys act on the latest draft, even when they arrive faster than React renders.
  const draftRef = useRef<EntryDraft>(draft);
  const updateDraft = useCallback((next: (current: EntryDraft) => EntryDraft) => {
    draftRef.current = next(draftRef.current);
    setDraft(draftRef.current);
  }, []);
  const [dialog, setDialogState] = useState<Dialog>(null);
  const dialogRef = useRef<Dialog>(null);
  const setDialog = useCallback((next: Dialog) => {
    dialogRef.current = next;
    setDialogState(next);
  }, []);
  const [feedback, setFeedbackState] = useState<Feedback>(null);
  // A warning about the key just pressed must not be hidden by the confirmation of an earlier save.
  const warnings = useRef(0);
  const setFeedback = useCallback((next: Feedback) => {
    if (next && next.kind !== 'success' && next.kind !== 'info') warnings.current++;
    setFeedbackState(next);
  }, []);
  const [focused, setFocused] = useState(false);
  const entryArea = useRef<HTMLDivElement>(null);
  const { enqueue, idle, pending } = useCommitQueue();
  const locked = meeting.finalized !== null;

  const passBallots = useMemo(() => passRows(rows, pass), [rows, pass]);
  const result = useMemo(() => tally(tallyInputOf(meeting, passBallots)), [meeting, passBallots]);
  const nextNumber = passBallots.reduce((max, b) => Math.max(max, b.number), 0) + 1 + pending;

  const focusEntry = useCallback(() => entryArea.current?.focus(), []);

  const addRow = useCallback((row: BallotRow) => {
    rowsRef.current = [...rowsRef.current, row];
    setRows(rowsRef.current);
    announceBallot(row);
  }, []);

  /**
   * Queues a ballot for saving. The ballot is built when its turn comes, so "*" copies the ballot
   * saved just before it even while earlier saves are still running.
   */
  const commit = useCallback(
    (build: () => { marks: ItemMark[]; writeIns: WriteIn[]; invalidReason: string | null } | null, correcting: EntryDraft['correcting'], note: string = t.correctionNote) => {
      const started = performance.now();
      const warningsBefore = warnings.current;
      let built: { marks: ItemMark[]; writeIns: WriteIn[]; invalidReason: string | null } | null = null;
      const placement = {
        pass: passRef.current,
        group: groups[groupIndexRef.current]?.id ?? null,
        correcting: correcting ? { ballotId: correcting.ballotId, note } : null,
      };
      enqueue(async () => {
        built = build();
        if (built === null) return null;
        return repository.commitBallot(meeting.id, built, placement);
      }).then(
        (row) => {
          if (row === null) {
            setFeedback({ kind: 'warning', text: t.noPrevious });
            return;
          }
          performance.measure('tally:commit', { start: started, end: performance.now() });
          addRow(row);
          if (warnings.current === warningsBefore) {
            setFeedback({ kind: 'success', text: correcting ? t.correctionSaved(row.number) : t.saved(row.number, row.invalidReason) });
          }
        },
        (error: unknown) => {
          // The ballot is not stored: put it back so nothing typed is lost, and say so.
          const lost = built;
          if (lost) {
            updateDraft((current) =>
              isDraftEmpty(current) ? { marks: lost.marks, writeIns: lost.writeIns, cursor: layout.itemCount, correcting } : current,
            );
          }
          setFeedback({ kind: 'error', text: t.saveFailed(error instanceof Error ? error.message : String(error)) });
        },
      );
    },
    [enqueue, meeting.id, groups, layout, updateDraft, addRow, setFeedback],
  );

  const lastSaved = useCallback(() => [...passRows(rowsRef.current, passRef.current)].sort((a, b) => a.enteredAt.localeCompare(b.enteredAt)).at(-1), []);

  const handleEffect = useCallback(
    async (effect: EntryEffect) => {
      switch (effect.kind) {
        case 'none':
          return;
        case 'commit': {
          const { marks, writeIns } = effect;
          commit(() => ({ marks, writeIns, invalidReason: null }), effect.correcting);
          return;
        }
        case 'repeat-previous':
          // "Same as the previous one" copies the ballot just before in the stack: the highest number.
          commit(() => {
            const previous = passRows(rowsRef.current, passRef.current).at(-1);
            return previous ? { marks: [...previous.marks], writeIns: [...previous.writeIns], invalidReason: previous.invalidReason } : null;
          }, null);
          return;
        case 'choose-invalid-reason':
          setDialog({ kind: 'invalid' });
          return;
        case 'reopen-last':
        case 'write-in-for-last': {
          await idle();
          // Ctrl+Z reopens the ballot saved last, which after a correction need not be the highest number.
          const last = lastSaved();
          if (!last) {
            setFeedback({ kind: 'warning', text: t.nothingToReopen });
            return;
          }
          updateDraft((current) => (isDraftEmpty(current) ? correctionDraft(layout, last) : current));
          setFeedback({ kind: 'info', text: t.reopened(last.number) });
          if (effect.kind === 'write-in-for-last') setDialog({ kind: 'write-in', question: layout.questionCount - 1 });
          return;
        }
        case 'open-write-in':
          setDialog({ kind: 'write-in', question: effect.question });
          return;
        case 'choose-ballot-number':
          await idle();
          setDialog({ kind: 'jump' });
          return;
        case 'choose-delete-reason':
          setDialog({ kind: 'delete', ballotId: effect.ballotId, number: effect.number });
          return;
        case 'rejected': {
          const text = {
            'option-out-of-range': t.optionOutOfRange(layout.optionCounts[draftRef.current.cursor] ?? 0),
            'draft-not-empty': t.finishCurrentFirst,
            'no-write-ins': t.noWriteIns,
            'not-correcting': t.deleteNeedsReopen,
          }[effect.reason];
          setFeedback({ kind: 'warning', text });
          return;
        }
      }
    },
    [commit, idle, layout, updateDraft, lastSaved, setDialog, setFeedback],
  );

  // React's autoFocus only applies to form controls: the entry area is focused when the screen opens.
  useEffect(() => {
    focusEntry();
  }, [focusEntry]);

  /**
   * Keys are taken at the window, not only on the focused entry area, so that no keystroke is lost
   * while focus is on its way back (after a dialog, or a click elsewhere on the page). Typing in a
   * form field, and Enter or Space on a focused button or link, keep their usual meaning. The
   * listener is added once and calls the latest handler, so no key falls between two renders.
   */
  const onKeyDown = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKeyDown.current = (event: KeyboardEvent) => {
      if (event.defaultPrevented || dialogRef.current !== null) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      if (target?.closest('a, button, summary') && target !== entryArea.current && (event.key === 'Enter' || event.key === ' ')) return;
      if (event.key === 'F8') {
        event.preventDefault();
        navigate({ name: 'results', id: meeting.id });
        return;
      }
      if (event.key === 'F2' && groups.length > 0) {
        event.preventDefault();
        setGroupIndex((groupIndexRef.current + (event.shiftKey ? groups.length - 1 : 1)) % groups.length);
        return;
      }
      if (event.key === 'F6' && meeting.doubleEntry) {
        event.preventDefault();
        if (!isDraftEmpty(draftRef.current)) {
          setFeedback({ kind: 'warning', text: t.finishCurrentFirst });
          return;
        }
        setPass(passRef.current === 1 ? 2 : 1);
        return;
      }
      const current = draftRef.current;
      const optionCount = layout.optionCounts[Math.min(current.cursor, layout.itemCount - 1)] ?? 0;
      const action = actionForKey(event, optionCount);
      if (!action) return;
      event.preventDefault();
      if (locked) {
        setFeedback({ kind: 'warning', text: zh.ui.errors.meetingFinalized });
        return;
      }
      const step = applyEntryAction(current, action, layout);
      updateDraft(() => step.draft);
      if (step.effect.kind !== 'none' && step.effect.kind !== 'rejected') setFeedback(null);
      if (document.activeElement === document.body) focusEntry();
      void handleEffect(step.effect);
    };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const closeDialog = () => {
    setDialog(null);
    focusEntry();
  };

  const chooseInvalidReason = (reason: string) => {
    const correcting = draftRef.current.correcting;
    updateDraft(() => emptyDraft(layout));
    const marks = new Array<ItemMark>(layout.itemCount).fill(BLANK);
    commit(() => ({ marks, writeIns: [], invalidReason: reason }), correcting);
    closeDialog();
  };

  const deleteBallot = (ballotId: string, reason: string) => {
    updateDraft(() => emptyDraft(layout));
    closeDialog();
    enqueue(() => repository.deleteBallot(meeting.id, ballotId, reason)).then(
      (row) => {
        addRow(row);
        setFeedback({ kind: 'success', text: t.deleted(row.number) });
      },
      (error: unknown) => setFeedback({ kind: 'error', text: t.saveFailed(error instanceof Error ? error.message : String(error)) }),
    );
  };

  const jumpTo = (text: string): string | null => {
    const number = Number(toHalfWidthDigits(text.trim()));
    const target = passRows(rowsRef.current, pass).find((b) => b.number === number);
    if (!target) return t.noSuchBallot(text.trim());
    updateDraft(() => correctionDraft(layout, target));
    setFeedback({ kind: 'info', text: t.reopened(target.number) });
    closeDialog();
    return null;
  };

  const addWriteIn = (question: number, text: string): string | null => {
    const name = normalizeName(text);
    if (name === '') {
      closeDialog();
      return null;
    }
    // A name paper cannot show is refused, and a listed candidate's name (however spelled) is a tick.
    const refusal = writeInRefusal(name, candidateNames);
    if (refusal) return refusal;
    updateDraft((current) => applyEntryAction(current, { type: 'add-write-in', question, name }, layout).draft);
    return null;
  };

  async function exportPass() {
    await idle();
    const pkg = await meetingExchange.buildPackage(meeting.id, 'ballots', 2);
    downloadText(`${workbook.unit}-${meeting.title}-第二遍录入结果${MEETING_PACKAGE_EXTENSION}`, JSON.stringify(pkg));
  }

  const entered = passBallots.length;
  const returned = meeting.counts.returned;
  const passLabel = meeting.doubleEntry ? t.passName(pass) : null;

  return (
    <Page
      title={meeting.title}
      crumbs={[{ label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } }]}
      actions={
        <>
          <StatusBadge status={result.status} totals={result.meeting} />
          <a className="button" href={href({ name: 'results', id: meeting.id })}>
            {t.toResults} <kbd>F8</kbd>
          </a>
          {/* "opener": in browser mode the new tab must inherit this tab's sessionStorage (its session token); the page is our own. */}
          <a className="button" href={href({ name: 'projector', id: meeting.id })} target="_blank" rel="opener" data-testid="open-projector">
            {t.projector}
          </a>
          <a className="button" href={href({ name: 'ballot-import', id: meeting.id })} data-testid="to-ballot-import">
            {zh.ballotImport.title}
          </a>
          <a className="button" href={href({ name: 'meeting-edit', id: meeting.id })}>
            {t.editMeeting}
          </a>
        </>
      }
    >
      {locked ? <Notice kind="info">{zh.ui.errors.meetingFinalized}</Notice> : null}
      {meeting.entryPass === 2 ? (
        <Notice kind="info">
          {zh.exchange.secondLaptopNotice}{' '}
          <button type="button" onClick={() => void exportPass()} data-testid="export-pass">
            {zh.exchange.exportPass}
          </button>
        </Notice>
      ) : null}
      <p className="meeting-line">
        {meeting.form.name}
        {meeting.form.kind === 'recommend' ? t.maxLine(meeting.form.questions.map((q) => `${meeting.form.questions.length > 1 ? q.label : ''}${q.maxSelections ?? 1}`)) : ''}
        {'　'}
        <span data-testid="progress" className={entered > returned ? 'over' : ''}>
          {t.progress(entered, returned)}
        </span>
      </p>
      {passLabel || groups.length > 0 ? (
        <div className="entry-modes">
          {passLabel ? (
            <span className={`pass pass-${pass}`} data-testid="pass">
              {passLabel} <kbd>F6</kbd>
            </span>
          ) : null}
          {groups.length > 0 ? (
            <label className="group-choice">
              {t.group}
              <select value={groupIndex} onChange={(e) => setGroupIndex(Number(e.target.value))} data-testid="group">
                {groups.map((g, i) => (
                  <option key={g.id} value={i}>
                    {g.label}
                  </option>
                ))}
              </select>
              <kbd>F2</kbd>
            </label>
          ) : null}
        </div>
      ) : null}
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
            <DraftBallot form={meeting.form} items={items} draft={draft} nextNumber={nextNumber} groupLabel={group?.label ?? null} />
            {!focused && dialog === null ? <div className="focus-hint">{t.clickToContinue}</div> : null}
          </div>
          {dialog?.kind === 'invalid' ? (
            <ReasonDialog title={zh.ui.invalidDialog.title} reasons={zh.ui.invalidDialog.reasons} onChoose={chooseInvalidReason} onCancel={closeDialog} testId="invalid-dialog" />
          ) : null}
          {dialog?.kind === 'delete' ? (
            <ReasonDialog
              title={t.deleteTitle(dialog.number)}
              reasons={t.deleteReasons}
              onChoose={(reason) => deleteBallot(dialog.ballotId, reason)}
              onCancel={closeDialog}
              testId="delete-dialog"
            />
          ) : null}
          {dialog?.kind === 'jump' ? (
            <PromptDialog title={t.jumpTitle} label={t.jumpLabel} hint={t.jumpHint} inputMode="numeric" onSubmit={jumpTo} onCancel={closeDialog} testId="jump-dialog" />
          ) : null}
          {dialog?.kind === 'write-in' ? (
            <PromptDialog
              title={t.writeInTitle(meeting.form.questions.length > 1 ? (meeting.form.questions[dialog.question]?.label ?? '') : '')}
              label={t.writeInLabel}
              hint={t.writeInHint}
              onSubmit={(text) => addWriteIn(dialog.question, text)}
              onCancel={closeDialog}
              onEmptyBackspace={() => updateDraft((current) => applyEntryAction(current, { type: 'remove-write-in', question: dialog.question }, layout).draft)}
              testId="write-in-dialog"
            >
              <p data-testid="write-in-list">
                {draft.writeIns.filter((w) => w.question === dialog.question).map((w) => w.name).join('、') || t.noWriteInsYet}
              </p>
            </PromptDialog>
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
          <h2>{passLabel ? t.countsOfPass(passLabel) : t.countsTitle}</h2>
          <RunningCounts form={meeting.form} result={result} />
          <h2>{t.recentTitle}</h2>
          <RecentBallots form={meeting.form} ballots={passBallots} pending={pending} groups={groups} />
          <h2>{zh.ui.checks.title}</h2>
          <ChecksList checks={result.checks} />
        </section>
      </div>
    </Page>
  );
}

export function TallyScreen({ id }: { id: string }) {
  const [loaded] = useLoad<MeetingContext | null>(() => repository.loadMeetingContext(id), [id]);
  if (loaded.state !== 'ready') return <Page title={t.title}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title}><Notice kind="error">{zh.ui.errors.meetingMissing}</Notice></Page>;
  // The running counts flag rates by the workbook's plan, as the results screen does.
  return <Screen key={id} workbook={loaded.data.workbook} meeting={underPlan(loaded.data.meeting, loaded.data.plan)} initialRows={loaded.data.rows} />;
}
