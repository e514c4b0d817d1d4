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
import { entryItems } from '../../ballot-entry/ballot-view';
import { OverEntryDialog, PromptDialog, ReasonDialog } from '../../ballot-entry/entry-dialogs';
import { clearKeptDraft, keepDraft, keptDraft } from './kept-draft';
import type { EntryDraft, EntryEffect, EntryLayout } from '../../ballot-entry/entry-machine';
import { actionForKey, applyEntryAction, correctionDraft, emptyDraft, entryLayout, isDraftEmpty } from '../../ballot-entry/entry-machine';
import { DraftBallot, KeyHelp, OptionLegend, RecentBallots, RunningCounts } from '../../ballot-entry/entry-panels';

const t = zh.ui.entry;
const h = zh.meetingHall;

type Built = { marks: ItemMark[]; writeIns: WriteIn[]; invalidReason: string | null };

/** Where the keys typed now go: the ballot, an open dialog, a text field, or nowhere in this window. */
type KeysGo = 'ballot' | 'dialog' | 'field' | 'away';

/** Controls that take a key as text: the keys typed there are theirs, not the ballot's. */
const TEXT_FIELDS = 'input, textarea, [contenteditable="true"]';
const DIALOGS = '[role="dialog"], [role="alertdialog"]';

type Feedback = { kind: 'info' | 'warning' | 'error' | 'success'; text: string } | null;

type Dialog =
  | { kind: 'invalid' }
  | { kind: 'write-in'; question: number }
  | { kind: 'jump' }
  | { kind: 'delete'; ballotId: string; number: number }
  /** A new ballot beyond the returned count waits here for a deliberate yes (a ballot read twice is likelier). */
  | { kind: 'over-entry'; next: number; build: () => Built | null }
  | null;

/**
 * Runs commits one after another, so ballot numbers follow the order of entry. Every queued write
 * counts as being saved; only new ballots count towards the next number, and the returned-count
 * guard counts what each queued write does to the stack: +1 for a new ballot, 0 for a correction,
 * −1 for a deletion (a correction still in the queue must not make the last ballot look like one too many).
 */
type StackChange = 1 | 0 | -1;
function useCommitQueue() {
  const tail = useRef<Promise<unknown>>(Promise.resolve());
  const [pending, setPending] = useState(0);
  const [pendingNew, setPendingNew] = useState(0);
  // The change as of the latest key, for the over-entry guard (state lags behind fast typing).
  const pendingStackRef = useRef(0);
  const enqueue = useCallback(<T,>(task: () => Promise<T>, change: StackChange): Promise<T> => {
    const added = change === 1 ? 1 : 0;
    pendingStackRef.current += change;
    setPending((n) => n + 1);
    setPendingNew((n) => n + added);
    const run = tail.current.then(task, task);
    const done = () => {
      pendingStackRef.current -= change;
      setPending((n) => n - 1);
      setPendingNew((n) => n - added);
    };
    tail.current = run.then(done, done);
    return run;
  }, []);
  const idle = useCallback(() => tail.current, []);
  return { enqueue, idle, pending, pendingNew, pendingStackRef };
}

function MeetingTally({ workbook, meeting, initialRows }: { workbook: WorkbookRecord; meeting: MeetingRecord; initialRows: BallotRow[] }) {
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
  // A ballot half typed when the page was reloaded or closed comes back as the draft (never saved by itself).
  const [restored] = useState(() => (meeting.finalized === null ? keptDraft(meeting.id, meeting.entryPass ?? 1, layout, initialRows) : null));
  const [draft, setDraft] = useState<EntryDraft>(() => restored ?? emptyDraft(layout));
  // Keys act on the latest draft, even when they arrive faster than React renders.
  const draftRef = useRef<EntryDraft>(draft);
  const updateDraft = useCallback(
    (next: (current: EntryDraft) => EntryDraft) => {
      draftRef.current = next(draftRef.current);
      setDraft(draftRef.current);
      // Kept at every key, synchronously, so a reload a moment later still finds it.
      if (isDraftEmpty(draftRef.current)) clearKeptDraft(meeting.id, passRef.current);
      else keepDraft(meeting.id, passRef.current, draftRef.current);
    },
    [meeting.id],
  );
  const [dialog, setDialogState] = useState<Dialog>(null);
  const dialogRef = useRef<Dialog>(null);
  const setDialog = useCallback((next: Dialog) => {
    dialogRef.current = next;
    setDialogState(next);
  }, []);
  const [feedback, setFeedbackState] = useState<Feedback>(() =>
    restored
      ? {
          kind: 'warning',
          text: restored.correcting
            ? h.correctionRestored(restored.correcting.number)
            : h.draftRestored(passRows(initialRows, meeting.entryPass ?? 1).reduce((max, b) => Math.max(max, b.number), 0) + 1, restored.filled),
        }
      : null,
  );
  // A warning about the key just pressed must not be hidden by the confirmation of an earlier save.
  const warnings = useRef(0);
  const setFeedback = useCallback((next: Feedback) => {
    if (next && next.kind !== 'success' && next.kind !== 'info') warnings.current++;
    setFeedbackState(next);
  }, []);
  const [keysGo, setKeysGo] = useState<KeysGo>('ballot');
  const entryArea = useRef<HTMLDivElement>(null);
  const { enqueue, idle, pending, pendingNew, pendingStackRef } = useCommitQueue();
  const locked = meeting.finalized !== null;

  const passBallots = useMemo(() => passRows(rows, pass), [rows, pass]);
  const result = useMemo(() => tally(tallyInputOf(meeting, passBallots)), [meeting, passBallots]);
  const nextNumber = passBallots.reduce((max, b) => Math.max(max, b.number), 0) + 1 + pendingNew;

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
  const store = useCallback(
    (build: () => Built | null, correcting: EntryDraft['correcting']) => {
      const started = performance.now();
      const warningsBefore = warnings.current;
      let built: Built | null = null;
      const placement = {
        pass: passRef.current,
        group: groups[groupIndexRef.current]?.id ?? null,
        correcting: correcting ? { ballotId: correcting.ballotId, note: h.correctionNote[correcting.openedBy], openedBy: correcting.openedBy } : null,
      };
      enqueue(async () => {
        built = build();
        if (built === null) return null;
        return repository.commitBallot(meeting.id, built, placement);
      }, correcting === null ? 1 : 0).then(
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
              isDraftEmpty(current) ? { marks: lost.marks, writeIns: lost.writeIns, cursor: layout.itemCount, filled: layout.itemCount, correcting } : current,
            );
          }
          setFeedback({ kind: 'error', text: t.saveFailed(error instanceof Error ? error.message : String(error)) });
        },
      );
    },
    [enqueue, meeting.id, groups, layout, updateDraft, addRow, setFeedback],
  );

  /**
   * Stores a ballot, unless it is a new one beyond the returned count: that one waits for a
   * deliberate confirmation, since a ballot read out twice is the likeliest cause.
   */
  const commit = useCallback(
    (build: () => Built | null, correcting: EntryDraft['correcting']) => {
      const entered = passRows(rowsRef.current, passRef.current).length + pendingStackRef.current;
      if (correcting === null && entered >= meeting.counts.returned) {
        setDialog({ kind: 'over-entry', next: entered + 1, build });
        return;
      }
      store(build, correcting);
    },
    [store, pendingStackRef, meeting.counts.returned, setDialog],
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
          updateDraft((current) => (isDraftEmpty(current) ? correctionDraft(layout, last, 'ctrl-z') : current));
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
            'ballot-full': h.ballotFull,
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
   * Keys are taken at the window in the capture phase, before any control sees them, so that no
   * keystroke is lost or taken by the button, link or list clicked last (Space on 按键说明 folding the
   * table, Enter on 大屏 opening another tab): while this screen shows, every key of the contract
   * goes to the ballot, unless a dialog the user opened or a text field holds focus. The listener
   * is added once and calls the latest handler, so no key falls between two renders.
   */
  const onKeyDown = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKeyDown.current = (event: KeyboardEvent) => {
      if (event.defaultPrevented || dialogRef.current !== null) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(`${TEXT_FIELDS}, ${DIALOGS}`)) return;
      // A contract key on a control: the control must not act on it, and its keyup must not reach it either.
      const onControl = target !== null && target !== entryArea.current && target !== document.body;
      const take = () => {
        event.preventDefault();
        event.stopPropagation();
        if (onControl || document.activeElement === document.body) focusEntry();
      };
      if (event.key === 'F8') {
        take();
        navigate({ name: 'results', id: meeting.id });
        return;
      }
      if (event.key === 'F2' && groups.length > 0) {
        take();
        setGroupIndex((groupIndexRef.current + (event.shiftKey ? groups.length - 1 : 1)) % groups.length);
        return;
      }
      if (event.key === 'F6' && meeting.doubleEntry) {
        take();
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
      take();
      if (locked) {
        setFeedback({ kind: 'warning', text: zh.ui.errors.meetingFinalized });
        return;
      }
      const step = applyEntryAction(current, action, layout);
      updateDraft(() => step.draft);
      if (step.effect.kind !== 'none' && step.effect.kind !== 'rejected') setFeedback(null);
      void handleEffect(step.effect);
    };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown.current(event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);

  /**
   * One indicator says where keys go, from where focus really is. A button, link or fold clicked
   * hands focus back to the ballot at once, so the ballot is shown as taking keys while it does.
   */
  const windowActive = useRef(true);
  const whereKeysGo = useCallback((): KeysGo => {
    const active = document.activeElement;
    if (dialogRef.current !== null || active?.closest(DIALOGS)) return 'dialog';
    if (active?.closest(TEXT_FIELDS)) return 'field';
    return windowActive.current ? 'ballot' : 'away';
  }, []);
  useEffect(() => {
    const update = () => setKeysGo(whereKeysGo());
    const onWindow = (event: FocusEvent) => {
      if (event.target !== window) return;
      windowActive.current = event.type === 'focus';
      update();
    };
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (dialogRef.current === null && target?.closest('a, button, summary') && !target.closest(DIALOGS)) focusEntry();
      update();
    };
    document.addEventListener('focusin', update);
    document.addEventListener('focusout', update);
    window.addEventListener('focus', onWindow, true);
    window.addEventListener('blur', onWindow, true);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', update);
      window.removeEventListener('focus', onWindow, true);
      window.removeEventListener('blur', onWindow, true);
      document.removeEventListener('click', onClick);
    };
  }, [whereKeysGo, focusEntry]);
  useEffect(() => setKeysGo(whereKeysGo()), [dialog, whereKeysGo]);

  const closeDialog = () => {
    setDialog(null);
    focusEntry();
  };

  const confirmOverEntry = (build: () => Built | null) => {
    closeDialog();
    store(build, null);
  };

  /** Nothing is stored; what was typed stays in the draft (kept over a reload), to clear or to save once the counts are right. */
  const cancelOverEntry = (build: () => Built | null) => {
    const built = build();
    if (built && built.invalidReason === null) {
      updateDraft((current) =>
        isDraftEmpty(current) ? { marks: built.marks, writeIns: built.writeIns, cursor: layout.itemCount, filled: layout.itemCount, correcting: null } : current,
      );
    }
    setFeedback({ kind: 'warning', text: h.overCancelled });
    closeDialog();
  };

  const chooseInvalidReason = (reason: string) => {
    const correcting = draftRef.current.correcting;
    updateDraft(() => emptyDraft(layout));
    const marks = new Array<ItemMark>(layout.itemCount).fill(BLANK);
    // Closed first: the commit may open the over-entry dialog in its place.
    closeDialog();
    commit(() => ({ marks, writeIns: [], invalidReason: reason }), correcting);
  };

  const deleteBallot = (ballotId: string, reason: string) => {
    updateDraft(() => emptyDraft(layout));
    closeDialog();
    enqueue(() => repository.deleteBallot(meeting.id, ballotId, reason), -1).then(
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
    updateDraft(() => correctionDraft(layout, target, 'ctrl-g'));
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

  // Rendered again only when the message changes, not at every key: the library's alert is not free,
  // and the key path must stay within a few milliseconds (docs/performance.md, key→DOM).
  const feedbackNotice = useMemo(() => (feedback ? <Notice kind={feedback.kind}>{feedback.text}</Notice> : null), [feedback]);
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
        {entered === returned ? (
          <strong className="returned-reached" data-testid="returned-reached">
            {'　'}
            {h.returnedReached(returned)}
          </strong>
        ) : null}
      </p>
      {entered > returned ? (
        <div data-testid="over-entered">
          <Notice kind="error">{h.overEntered(entered, returned)}</Notice>
        </div>
      ) : null}
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
              <select
                value={groupIndex}
                onChange={(e) => {
                  setGroupIndex(Number(e.target.value));
                  focusEntry();
                }}
                data-testid="group"
              >
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
            className={`entry-area ${keysGo === 'ballot' && !locked ? 'focused' : 'blurred'}`}
            tabIndex={0}
            role="application"
            aria-label={t.entryAreaLabel}
            data-testid="entry"
            onClick={focusEntry}
          >
            <p className="keys-go" data-testid="keys-go" data-target={locked ? 'locked' : keysGo} aria-live="polite">
              {locked
                ? h.keysTo.locked
                : keysGo === 'ballot'
                  ? draft.correcting
                    ? h.keysTo.correcting(draft.correcting.number)
                    : h.keysTo.ballot(nextNumber)
                  : h.keysTo[keysGo]}
            </p>
            <DraftBallot form={meeting.form} items={items} draft={draft} nextNumber={nextNumber} groupLabel={group?.label ?? null} />
            {keysGo === 'away' || keysGo === 'field' ? <div className="focus-hint">{h.keysTo[keysGo]}</div> : null}
          </div>
          {dialog?.kind === 'over-entry' ? (
            <OverEntryDialog
              title={h.overTitle(dialog.next, returned)}
              body={h.overBody(returned)}
              confirmLabel={h.overConfirm(dialog.next)}
              onConfirm={() => confirmOverEntry(dialog.build)}
              onCancel={() => cancelOverEntry(dialog.build)}
              onCorrectCounts={() => {
                cancelOverEntry(dialog.build);
                navigate({ name: 'meeting-edit', id: meeting.id });
              }}
            />
          ) : null}
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
            {feedbackNotice}
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
  return <MeetingTally key={id} workbook={loaded.data.workbook} meeting={underPlan(loaded.data.meeting, loaded.data.plan)} initialRows={loaded.data.rows} />;
}
