/** The layer arrows of docs/architecture.md are enforced by lint: a wrong import fails `npm test`. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/examples';

const eslint = new ESLint({ cwd: projectRoot });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  const cases: [string, string, string][] = [
    ['shared/ importing Node', 'shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['shared/ importing the renderer', 'shared/domain/x.ts', "import { db } from '../../renderer/src/db/database';\nexport const a = db;\n"],
    ['shared/ importing Electron code', 'shared/format/x.ts', "import { writeFileAtomic } from '../../electron/services/atomic-file';\nexport const a = writeFileAtomic;\n"],
    ['the renderer importing Node', 'renderer/src/x.ts', "import path from 'path';\nexport const a = path;\n"],
    ['the renderer importing services', 'renderer/src/x.ts', "import { readGridFile } from '../../electron/services/grid-file';\nexport const a = readGridFile;\n"],
    ['services importing electron', 'electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['the CLI importing electron', 'electron/cli/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['the domain importing a contract', 'shared/domain/x.ts', "import { meetingExportSchema } from '../contract/meeting-export';\nexport const a = meetingExportSchema;\n"],
    ['the domain importing the report model', 'shared/domain/x.ts', "import { summarySheet } from '../report/meeting-report';\nexport const a = summarySheet;\n"],
    ['the catalogue importing the domain', 'shared/messages/x.ts', "import { tally } from '../domain/tally';\nexport const a = tally;\n"],
    ['a contract importing the report model', 'shared/contract/x.ts', "import { summarySheet } from '../report/meeting-report';\nexport const a = summarySheet;\n"],
    ['a schema importing the domain', 'shared/schema/x.ts', "import { tally } from '../domain/tally';\nexport const a = tally;\n"],
    ['a schema importing a contract', 'shared/schema/x.ts', "import { meetingExportSchema } from '../contract/meeting-export';\nexport const a = meetingExportSchema;\n"],
    ['a schema importing the catalogue', 'shared/schema/x.ts', "import { zh } from '../messages/zh-CN';\nexport const a = zh;\n"],
    ['the format code importing a schema', 'shared/format/x.ts', "import { ballotFormSchema } from '../schema/form';\nexport const a = ballotFormSchema;\n"],
    ['a screen family importing another', 'renderer/src/features/reconcile/x.ts', "import { TallyScreen } from '../entry/tally-screen';\nexport const a = TallyScreen;\n"],
    ['a shared component importing a screen family', 'renderer/src/ui/x.ts', "import { TallyScreen } from '../features/entry/tally-screen';\nexport const a = TallyScreen;\n"],
    ['the ballot-entry kit importing a screen family', 'renderer/src/ballot-entry/x.ts', "import { keepDraft } from '../features/entry/kept-draft';\nexport const a = keepDraft;\n"],
    ['a screen family importing Node', 'renderer/src/features/entry/x.ts', "import path from 'node:path';\nexport const a = path;\n"],
  ];
  for (const [what, file, code] of cases) {
    it(`refuses ${what}`, async () => {
      expect(await restrictedImports(file, code)).not.toEqual([]);
    });
  }

  it('allows the arrows the design draws', async () => {
    expect(await restrictedImports('renderer/src/x.ts', "import { tally } from '../../shared/domain/tally';\nexport const a = tally;\n")).toEqual([]);
    expect(await restrictedImports('renderer/src/features/reconcile/x.ts', "import { DraftBallot } from '../../ballot-entry/entry-panels';\nimport { Notice } from '../../ui/layout';\nimport { a as b } from './y';\nexport const a = [DraftBallot, Notice, b];\n")).toEqual([]);
    expect(await restrictedImports('electron/services/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toEqual([]);
    expect(await restrictedImports('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await restrictedImports('shared/report/x.ts', "import { tally } from '../domain/tally';\nimport { zh } from '../messages/zh-CN';\nexport const a = [tally, zh];\n")).toEqual([]);
    expect(await restrictedImports('shared/contract/x.ts', "import { VOID } from '../domain/ballot';\nexport const a = VOID;\n")).toEqual([]);
    expect(await restrictedImports('shared/domain/x.ts', "import { ballotFormSchema } from '../schema/form';\nexport const a = ballotFormSchema;\n")).toEqual([]);
    expect(await restrictedImports('shared/contract/x.ts', "import { workbookContentSchema } from '../schema/records';\nexport const a = workbookContentSchema;\n")).toEqual([]);
    expect(await restrictedImports('shared/schema/x.ts', "import { z } from 'zod';\nimport type { Ratio } from '../format/ratio';\nexport const a: [typeof z, Ratio | null] = [z, null];\n")).toEqual([]);
  });
});
