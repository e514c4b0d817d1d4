/**
 * Double entry, reconciliation (核对): every ballot number whose two passes differ, side by side,
 * each settled by taking the first pass (A), the second (B), or entering the paper ballot again (R)
 * with the same keyboard contract. Finalising is refused until none is left (or the check is waived).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Space } from 'antd';
import type { BallotRecord, ItemMark, WriteIn } from '../../../../shared/domain/ballot';
import { normalizeName } from '../../../../shared/format/text';
import type { PassDifference } from '../../../../shared/domain/double-entry';
import { zh } from '../../../../shared/messages/zh-CN';
import { meetingBallots } from '../../../../shared/domain/meeting-state';
import type { MeetingRecord, ResolutionRecord } from '../../db/records';
import type { MeetingContext } from '../../db/repository';
import { meetingExchange, repository } from '../../db/repository';
import { MEETING_PACKAGE_EXTENSION } from '../../../../shared/contract/meeting-package';
import { FilePickerButton, downloadText } from '../../ui/files';
import { href } from '../../router';
import { LoadingOrError, Notice, Page } from '../../ui/layout';
import { useLoad } from '../../ui/use-load';
import { entryItems, markLabel } from '../../ballot-entry/ballot-view';
import type { EntryDraft, EntryLayout } from '../../ballot-entry/entry-machine';
import { actionForKey, applyEntryAction, emptyDraft, entryLayout } from '../../ballot-entry/entry-machine';
import { DraftBallot } from '../../ballot-entry/entry-panels';
import { PromptDialog } from '../../ballot-entry/entry-dialogs';

const t = zh.ui.reconcile;

function versionText(meeting: MeetingRecord, ballot: BallotRecord | null, item: number): string {
  if (!ballot) return t.absent;
  if (ballot.invalidReason !== null) return item === 0 ? zh.ui.entry.invalidBallot(ballot.invalidReason) : '';
  return markLabel(meeting.form, item, ballot.marks[item]!);
}

function writeInText(ballot: BallotRecord | null): string {
  return ballot && ballot.invalidReason === null ? ballot.writeIns.map((w) => w.name).join('、') : '';
}

function DifferenceCard({
  meeting,
  difference,
  resolution,
  focused,
  onChoose,
}: {
  meeting: MeetingRecord;
  difference: PassDifference;
  resolution: ResolutionRecord | undefined;
  focused: boolean;
  onChoose: (choice: 'first' | 'second' | 'reentered') => void;
}) {
  const items = entryItems(
    meeting.form,
    meeting.candidates.map((c) => c.name),
  );
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focused) card.current?.focus();
  }, [focused]);
  const showWriteIns = meeting.form.kind === 'recommend' && (writeInText(difference.first) !== '' || writeInText(difference.second) !== '');
  return (
    <div ref={card} tabIndex={0} className={`difference ${resolution ? 'resolved' : 'unresolved'}`} data-testid="difference" data-number={difference.number} data-resolved={resolution ? resolution.choice : 'no'}>
      <h3>
        {t.ballotNumber(difference.number)}
        <span className="difference-status">{resolution ? t.resolvedAs(resolution.choice) : t.unresolved}</span>
      </h3>
      <table className="difference-table">
        <thead>
          <tr>
            <th>{zh.export.name}</th>
            <th>{t.first}</th>
            <th>{t.second}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => {
            const a = versionText(meeting, difference.first, entry.item);
            const b = versionText(meeting, difference.second, entry.item);
            return (
              <tr key={entry.item} className={a !== b ? 'differs' : ''}>
                <th scope="row">
                  {entry.candidateName}
                  {entry.questionLabel ? `·${entry.questionLabel}` : ''}
                </th>
                <td data-pass="1">{a}</td>
                <td data-pass="2">{b}</td>
              </tr>
            );
          })}
          {showWriteIns ? (
            <tr className={writeInText(difference.first) !== writeInText(difference.second) ? 'differs' : ''}>
              <th scope="row">{zh.export.writeInsTitle}</th>
              <td>{writeInText(difference.first)}</td>
              <td>{writeInText(difference.second)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <Space className="difference-actions">
        <Button onClick={() => onChoose('first')} data-choice="first">
          <kbd>A</kbd> {t.takeFirst}
        </Button>
        <Button onClick={() => onChoose('second')} data-choice="second">
          <kbd>B</kbd> {t.takeSecond}
        </Button>
        <Button onClick={() => onChoose('reentered')} data-choice="reentered">
          <kbd>R</kbd> {t.reenter}
        </Button>
      </Space>
    </div>
  );
}

/** Enters one paper ballot again, with the tally screen's keys, as the settled version of a number. */
function Reentry({ meeting, number, onDone, onCancel }: { meeting: MeetingRecord; number: number; onDone: () => void; onCancel: () => void }) {
  const names = useMemo(() => meeting.candidates.map((c) => c.name), [meeting]);
  const items = useMemo(() => entryItems(meeting.form, names), [meeting, names]);
  const layout: EntryLayout = useMemo(() => entryLayout(meeting.form, meeting.candidates.length, { writeIns: true }), [meeting]);
  const [draft, setDraft] = useState<EntryDraft>(() => emptyDraft(layout));
  const draftRef = useRef(draft);
  const [writeInFor, setWriteInFor] = useState<number | null>(null);
  const writeInForRef = useRef<number | null>(null);
  const openWriteIn = (question: number | null) => {
    writeInForRef.current = question;
    setWriteInFor(question);
  };
  const [problem, setProblem] = useState<string | null>(null);
  const update = (next: EntryDraft) => {
    draftRef.current = next;
    setDraft(next);
  };

  const save = useCallback(
    async (marks: ItemMark[], writeIns: WriteIn[], invalidReason: string | null) => {
      try {
        await repository.commitBallot(meeting.id, { marks, writeIns, invalidReason }, { pass: 3, group: null, correcting: null, number });
        await repository.resolveDifference(meeting.id, number, 'reentered');
        onDone();
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      }
    },
    [meeting.id, number, onDone],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (writeInForRef.current !== null) return;
      if (event.key === 'Escape' && draftRef.current.cursor === 0) {
        event.preventDefault();
        onCancel();
        return;
      }
      const action = actionForKey(event, layout.optionCounts[Math.min(draftRef.current.cursor, layout.itemCount - 1)] ?? 0);
      if (!action) return;
      event.preventDefault();
      if (action.type === 'invalid-ballot') {
        void save(new Array<ItemMark>(layout.itemCount).fill(-1), [], t.reenteredInvalid);
        return;
      }
      const step = applyEntryAction(draftRef.current, action, layout);
      update(step.draft);
      if (step.effect.kind === 'commit') void save(step.effect.marks, step.effect.writeIns, null);
      // Names written in are added before the last mark, which saves the ballot.
      if (step.effect.kind === 'open-write-in') openWriteIn(step.effect.question);
      if (step.effect.kind === 'write-in-for-last') openWriteIn(0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [layout, save, onCancel]);

  return (
    <div className="dialog reentry" role="dialog" aria-label={t.reentryTitle(number)} data-testid="reentry">
      <h2>{t.reentryTitle(number)}</h2>
      <DraftBallot form={meeting.form} items={items} draft={draft} nextNumber={number} groupLabel={null} />
      {writeInFor !== null ? (
        <PromptDialog
          title={zh.ui.entry.writeInTitle(meeting.form.questions.length > 1 ? (meeting.form.questions[writeInFor]?.label ?? '') : '')}
          label={zh.ui.entry.writeInLabel}
          hint={zh.ui.entry.writeInHint}
          onSubmit={(text) => {
            const name = normalizeName(text);
            if (name === '') {
              openWriteIn(null);
              return null;
            }
            update(applyEntryAction(draftRef.current, { type: 'add-write-in', question: writeInFor, name }, layout).draft);
            return null;
          }}
          onCancel={() => openWriteIn(null)}
          testId="write-in-dialog"
        />
      ) : null}
      <p className="muted">{t.reentryHint}</p>
      {problem ? <Notice kind="error">{problem}</Notice> : null}
    </div>
  );
}

function PassReconciliation({ context, reload }: { context: MeetingContext; reload: () => void }) {
  const { meeting, workbook, rows, resolutions } = context;
  const ballots = useMemo(() => meetingBallots(meeting, rows, resolutions), [meeting, rows, resolutions]);
  const [focusIndex, setFocusIndex] = useState(() => Math.max(0, ballots.differences.findIndex((d) => ballots.unresolved.includes(d.number))));
  const [reentering, setReentering] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exchangeNotice, setExchangeNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function exportForSecondPass() {
    const pkg = await meetingExchange.buildPackage(meeting.id, 'second-pass', 2);
    downloadText(`${workbook.unit}-${meeting.title}-第二遍录入${MEETING_PACKAGE_EXTENSION}`, JSON.stringify(pkg));
  }

  async function importPass(text: string, name: string) {
    try {
      const imported = await meetingExchange.importPackage(text, name);
      setExchangeNotice({ kind: 'success', text: zh.exchange.ballotsReceived(imported.added) });
      reload();
    } catch (error) {
      setExchangeNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  const choose = useCallback(
    async (number: number, choice: 'first' | 'second' | 'reentered') => {
      if (choice === 'reentered') {
        setReentering(number);
        return;
      }
      try {
        await repository.resolveDifference(meeting.id, number, choice);
        reload();
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      }
    },
    [meeting.id, reload],
  );

  useEffect(() => {
    if (reentering !== null) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as Element | null)?.closest('input, textarea, select')) return;
      const difference = ballots.differences[focusIndex];
      const key = event.key.toLowerCase();
      if (key === 'arrowdown' || key === 'j') {
        event.preventDefault();
        setFocusIndex((i) => Math.min(ballots.differences.length - 1, i + 1));
      } else if (key === 'arrowup' || key === 'k') {
        event.preventDefault();
        setFocusIndex((i) => Math.max(0, i - 1));
      } else if (difference && (key === 'a' || key === 'b' || key === 'r')) {
        event.preventDefault();
        void choose(difference.number, key === 'a' ? 'first' : key === 'b' ? 'second' : 'reentered');
        if (key !== 'r') setFocusIndex((i) => Math.min(ballots.differences.length - 1, i + 1));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ballots.differences, focusIndex, choose, reentering]);

  return (
    <Page
      title={t.title(meeting.title)}
      crumbs={[
        { label: workbook.township + workbook.unit, route: { name: 'workbook', id: workbook.id } },
        { label: meeting.title, route: { name: 'results', id: meeting.id } },
      ]}
      actions={
        <>
          <Button onClick={() => void exportForSecondPass()} data-testid="export-second-pass">
            {zh.exchange.exportForSecondPass}
          </Button>
          <FilePickerButton label={zh.exchange.importPass} accept=".json" onFile={(text, name) => void importPass(text, name)} testId="import-pass" />
          <Button href={href({ name: 'results', id: meeting.id })}>{t.toResults}</Button>
        </>
      }
    >
      {exchangeNotice ? <Notice kind={exchangeNotice.kind}>{exchangeNotice.text}</Notice> : null}
      {meeting.finalized ? <Notice kind="info">{zh.ui.errors.meetingFinalized}</Notice> : null}
      <p data-testid="reconcile-summary">{t.summary(ballots.first.length, ballots.second.length, ballots.differences.length, ballots.unresolved.length)}</p>
      {ballots.second.length === 0 ? <Notice kind="warning">{zh.ui.finalize.secondPassMissing}</Notice> : null}
      {ballots.differences.length === 0 && ballots.second.length > 0 ? <Notice kind="success">{t.allAgree}</Notice> : null}
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      {reentering !== null ? (
        <Reentry
          meeting={meeting}
          number={reentering}
          onDone={() => {
            setReentering(null);
            reload();
          }}
          onCancel={() => setReentering(null)}
        />
      ) : null}
      <p className="muted">{t.keysHint}</p>
      <div className="differences" data-testid="differences">
        {ballots.differences.map((difference, i) => (
          <DifferenceCard
            key={difference.number}
            meeting={meeting}
            difference={difference}
            resolution={ballots.resolutions.get(difference.number)}
            focused={i === focusIndex && reentering === null}
            onChoose={(choice) => void choose(difference.number, choice)}
          />
        ))}
      </div>
    </Page>
  );
}

export function ReconcileScreen({ id }: { id: string }) {
  const [loaded, reload] = useLoad<MeetingContext | null>(() => repository.loadMeetingContext(id), [id]);
  if (loaded.state !== 'ready') return <Page title={t.title('')}><LoadingOrError {...loaded} /></Page>;
  if (loaded.data === null) return <Page title={t.title('')}><Notice kind="error">{zh.ui.errors.meetingMissing}</Notice></Page>;
  return <PassReconciliation context={loaded.data} reload={reload} />;
}
