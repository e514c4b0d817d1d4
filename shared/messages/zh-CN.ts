/**
 * The one zh-CN catalogue of user-visible text: screens, checks, import problems, Excel sheets and
 * the command line all take their words from here, so a wording is changed in one place.
 */
import type { Comparison, Fraction } from '../domain/fraction';
import { COMPARISON_SYMBOL, formatThreshold } from '../domain/fraction';
import type { DenominatorBase, FlagSeverity } from '../domain/forms';
import type { MeetingStatus } from '../domain/meeting';
import type { BallotQuestion } from '../domain/forms';
import type { ImportProblem } from '../domain/ballot-grid';
import type { TallyResult } from '../domain/tally';
import type { MeetingCounts, QuorumRule } from '../domain/meeting';
import { formatPercent } from '../format/percent';

const BASE_NAME: Record<DenominatorBase, string> = {
  expected: '应到人数',
  present: '实到人数',
  issued: '发出票数',
  returned: '收回票数',
  valid: '有效票数',
};

const COMPARISON_WORD: Record<Comparison, string> = { '>': '超过', '>=': '达到', '<': '低于', '<=': '不超过' };

export const zh = {
  appName: '测评计票台',
  baseName: BASE_NAME,
  comparisonWord: COMPARISON_WORD,
  severityName: { serious: '严重', warning: '提示', info: '说明' } satisfies Record<FlagSeverity, string>,
  statusName: { valid: '有效', void: '无效（须重新组织投票）', incomplete: '未录完' } satisfies Record<MeetingStatus, string>,
  meetingField: {
    expected: '应到人数',
    present: '实到人数',
    issued: '发出票数',
    returned: '收回票数',
    entered: '录入票数',
    valid: '有效票',
    invalid: '无效票',
  },
  abstain: '弃权',
  void: '无效',
  noTick: '未选',

  ballot: {
    numberNotPositive: (value: string) => `票号 ${value} 不是正整数`,
    wrongItemCount: (ballot: number, actual: number, expected: number) =>
      `第 ${ballot} 张票有 ${actual} 项，应为 ${expected} 项`,
    markOutOfRange: (ballot: number, item: number, mark: string) => `第 ${ballot} 张票第 ${item} 项的标记 ${mark} 不在表式选项范围内`,
    writeInsNotAllowed: (ballot: number) => `第 ${ballot} 张票有另推人选，但该表式不允许另推他人`,
    duplicateNumber: (ballot: number) => `票号 ${ballot} 重复`,
    overSelected: (chosen: number, max: number) => `所选 ${chosen} 人，超过规定的 ${max} 人`,
  },

  import: {
    located: (p: ImportProblem) => {
      const cell = [p.row === null ? '' : `第 ${p.row} 行`, p.column === null ? '' : `${p.column} 列`].filter(Boolean).join(' ');
      const where = [
        `文件“${p.source}”`,
        p.sheet === null ? '' : `工作表“${p.sheet}”`,
        cell === '' ? '' : ` ${cell}`,
        p.header === null || p.header === '' ? '' : `（${p.header}）`,
      ].join('');
      const value = p.value === null ? '' : `值“${p.value}”：`;
      return `${where}：${value}${p.message}`;
    },
    refusedHeading: (source: string, count: number) => `文件“${source}”未导入（发现 ${count} 处问题），已有数据没有任何改动：`,
    more: (count: number) => `另有 ${count} 处问题未列出。`,
    emptyFile: '文件中没有任何内容',
    headerNotFirstRow: '第 1 行应为表头（票号、候选人姓名……），但第 1 行是空的',
    dataWithoutHeader: '这一列有内容，但第 1 行没有表头',
    duplicateSpecialColumn: (header: string, earlier: string) => `“${header}”列重复（${earlier} 列已有）`,
    writeInsNotAllowed: '该表式不接受“另推他人”列',
    multiQuestionHeader: (questions: string[]) => `该表式每名候选人有多个问题，表头应写作“姓名/问题”，问题为：${questions.join('、')}`,
    duplicateCandidate: (header: string, earlier: string) => `候选人“${header}”重复（${earlier} 列已有）`,
    noCandidateColumn: '没有候选人列：除“票号”“整票无效”“另推他人”外，至少应有一列候选人',
    missingQuestionColumn: (name: string, question: string) => `候选人“${name}”缺少“${question}”列`,
    missingBallotNumber: '缺少票号',
    badBallotNumber: '票号应为正整数',
    duplicateBallotNumber: (firstRow: number) => `票号重复（第 ${firstRow} 行已有）`,
    unknownTick: '无法识别的标记。打勾可写 √ ✓ ✔ ○ 1 是 Y；不选留空或写 0；无法辨认写“废”或“无效”',
    unknownOption: (q: BallotQuestion) =>
      `无法识别的值。可写 ${q.options.map((o) => o.label).join('、')}，或编号 1–${q.options.length}；留空为弃权；“废”或“无效”为该项无效`,
    optionNumberOutOfRange: (q: BallotQuestion) => `选项编号超出范围：该表式的编号为 1–${q.options.length}（${q.options.map((o, i) => `${i + 1}=${o.label}`).join('，')}）`,
    // file-level problems (reading the bytes)
    notAZip: '不是有效的 xlsx 文件（无法按 zip 格式读取），可能已损坏或只是改了扩展名',
    truncatedXlsx: 'xlsx 文件不完整或已损坏，无法读取',
    legacyXls: '这是旧版 .xls 文件，请在 WPS 或 Excel 中另存为 .xlsx 后再导入',
    noWorksheet: 'xlsx 文件中没有工作表',
    notText: '不是文本格式的 CSV 文件（含有二进制内容）',
    unknownEncoding: '无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV',
    tooLarge: (megabytes: number) => `文件过大（超过 ${megabytes} MB）`,
    unsupportedType: '不支持的文件类型：请使用 .xlsx 或 .csv 文件',
    csvSyntax: (detail: string) => `CSV 格式错误（${detail}）`,
    formulaWithoutResult: '单元格是公式但没有保存计算结果：请在 WPS 或 Excel 中打开后重新保存',
    errorCell: (code: string) => `单元格的值是错误 ${code}`,
    unreadable: (detail: string) => `无法读取文件（${detail}）`,
  },

  export: {
    evaluationTitle: '民主测评结果汇总表',
    recommendTitle: '民主推荐得票情况统计表',
    reportTitle: '计票结果报告单',
    evaluationSheet: '民主测评结果汇总表',
    recommendSheet: '推荐得票情况统计表',
    reportSheet: '计票结果报告单',
    evaluationFileKind: '民主测评结果',
    recommendFileKind: '民主推荐得票',
    heading: (m: { township: string; unit: string; meetingTitle: string; meetingDate: string; teamName: string }) =>
      [
        `单位：${m.township}${m.unit || '（未填写）'}`,
        `会议：${m.meetingTitle || '（未填写）'}`,
        `日期：${m.meetingDate}`,
        ...(m.teamName ? [`考察组：${m.teamName}`] : []),
      ].join('　　'),
    formLine: (formName: string) => `表式：${formName}`,
    statusLabel: '结果状态',
    /** Short enough for the status cell; the banner above the table says why. */
    statusShort: { valid: '有效', void: '无效', incomplete: '未录完' } satisfies Record<MeetingStatus, string>,
    voidBanner: '本次会议无效，以下票数仅供核查，不能作为测评结果：',
    incompleteBanner: '计票尚未完成，以下结果不是正式结果：',
    index: '序号',
    name: '姓名',
    currentPost: '现任职务',
    proposedPost: '拟任职务',
    votes: '得票数',
    voteShare: '得票率',
    rank: '名次',
    countOf: '票数',
    shareOf: '占比',
    flags: '标注',
    writeInsTitle: '另推他人得票情况',
    noWriteIns: '无另推他人。',
    writeInsLine: (items: string[]) => `另推他人：${items.join('，')}。`,
    declaration: (result: TallyResult, quorum: QuorumRule) => {
      const m = result.meeting;
      const attendance = `本次会议应到 ${m.expected} 人，实到 ${m.present} 人；发出选票 ${m.issued} 张，收回 ${m.returned} 张，录入 ${m.entered} 张，其中有效票 ${m.valid} 张、无效票 ${m.invalid} 张。`;
      const rule = `（到会要求：${quorum.comparison === '>' ? '超过' : '达到'}应到人数的 ${formatThreshold(quorum.threshold)}${quorum.minPresent === null ? '' : `且不少于 ${quorum.minPresent} 人`}）`;
      if (result.status === 'valid') return `${attendance}到会人数符合规定${rule}，收回票数未超过发出票数，本次计票结果有效。`;
      const failed = result.checks.filter((c) => !c.ok && c.severity === 'error').map((c) => c.message);
      if (result.status === 'void') return `${attendance}${failed.join('；')}。本次投票无效，须重新组织投票。`;
      return `${attendance}${failed.join('；')}。计票尚未完成，本单不能作为正式结果。`;
    },
    signatureLines: [
      '唱票人（签名）：____________________　　计票人（签名）：____________________',
      '监票人（签名）：____________________　　监票人（签名）：____________________',
      '考察组组长（签名）：____________________　　日期：________年____月____日',
    ],
    pageFooter: '&C第 &P 页 共 &N 页',
    generatedBy: (team: string) => `本表由测评计票台生成${team ? `（${team}）` : ''}；票数与比率以选票数据为准，可用数据指纹核对。`,
  },

  cli: {
    usage: [
      '用法：npm run cli -- <命令> <文件> [选项]',
      '',
      '命令：',
      '  tally  <选票表.xlsx|选票表.csv> --form <表式> [选项] [--json]   计票并显示结果',
      '  export <选票表.xlsx|选票表.csv> --form <表式> [选项] --out 汇总.xlsx   导出 Excel 汇总表',
      '',
      '表式（--form）：evaluation-4、satisfaction-3、approval-3、recommend（须配 --max N）、dimensions-5',
      '选项：',
      '  --max N           推荐票每票最多推荐人数',
      '  --expected N      应到人数（默认等于实到人数）',
      '  --present N       实到人数（默认等于文件中的票数）',
      '  --issued N        发出票数（默认等于文件中的票数）',
      '  --returned N      收回票数（默认等于文件中的票数）',
      '  --quorum 2/3      到会要求，可写 >1/2、>=2/3（默认 ≥ 2/3）',
      '  --min-present N   最低到会人数',
      '  --json            以 JSON 输出结果（tally）',
      '  --out 文件        导出文件路径（export）',
      '  --title 文字      会议名称（export，默认取文件名）',
      '  --unit 文字       村（社区）名称（export）',
      '  --date YYYY-MM-DD 会议日期（export，默认今天）',
      '',
      '退出码：0 完成；1 输入被拒绝；2 用法错误。',
    ].join('\n'),
    badOption: (detail: string) => `参数有误：${detail}`,
    unknownCommand: (command: string) => `未知命令“${command}”：可用命令为 tally、export`,
    missingFile: (command: string) => `${command} 命令需要一个选票表文件`,
    extraArguments: (text: string) => `多余的参数：${text}`,
    missingForm: (ids: string) => `请用 --form 指定表式（${ids}）`,
    unknownForm: (form: string, ids: string) => `未知表式“${form}”：可用表式为 ${ids}`,
    missingMax: '推荐票须用 --max N 指定每票最多可推荐的人数（N ≥ 1）',
    maxOnlyForRecommend: '--max 只用于推荐票（--form recommend）',
    notACount: (name: string, value: string) => `${name} 应为非负整数，收到“${value}”`,
    badQuorum: (value: string) => `到会要求“${value}”无法识别：可写 2/3、>1/2、>=4/5（分子不大于分母）`,
    missingOut: 'export 命令须用 --out 指定导出文件',
    outOnlyForExport: '--out 只用于 export 命令',
    badDate: (value: string) => `日期“${value}”应写作 YYYY-MM-DD`,
    fileNotFound: (file: string) => `找不到文件“${file}”。`,
    fileUnreadable: (file: string, code: string) => `无法读取文件“${file}”（${code}）。`,
    cannotWrite: (file: string, code: string) => `无法写入“${file}”（${code}），没有生成任何文件。`,
    exported: (file: string, status: string) => `已导出：${file}（结果状态：${status}）`,
    formLine: (name: string) => `表式：${name}`,
    statusLine: (status: string) => `结果状态：${status}`,
    checksHeading: '检查：',
    writeIns: (text: string) => `另推他人：${text}`,
    fingerprintLine: (fingerprint: string) => `选票数据指纹：${fingerprint}`,
    unexpected: (detail: string) => `处理时发生意外错误（${detail}），没有生成任何文件。请把这条信息告知软件维护人员。`,
  },

  host: {
    badRequest: (method: string, detail: string) => `请求被拒绝（${method}）：数据格式不符合要求 ${detail}`,
    writeFailed: (dir: string, code: string) => `无法写入导出文件夹“${dir}”（${code}）：请检查磁盘空间和文件夹权限。`,
    unexpected: '导出时发生意外错误，没有生成文件。请重试；如仍失败，请告知软件维护人员。',
    unreachable: '无法连接本机服务：请确认计票台的服务窗口仍在运行，然后刷新页面。',
    tokenExpired: '访问口令已失效：计票台服务已重新启动，请使用终端中显示的新地址打开。',
  },

  ui: {
    nav: { crumbs: '位置' },
    loading: '正在读取……',
    cancel: '取消',
    notFound: '没有这个页面',
    errors: {
      workbookMissing: '找不到这个工作簿：它可能已被删除，或这台电脑上没有它。',
      meetingMissing: '找不到这次会议：它可能已被删除，或这台电脑上没有它。',
      ballotMissing: '找不到要更正的选票。',
      saveFailed: (detail: string) => `保存失败（${detail}）：没有做任何改动，请重试。`,
    },
    checks: { title: '检查' },
    home: {
      title: '工作簿',
      newWorkbook: '新建工作簿',
      empty: '这台电脑上还没有工作簿。',
      emptyHint: '一个工作簿对应一个考察组在一个村（社区）的工作：先建工作簿并录入考察对象，再建会议计票。按 N 新建。',
      unit: '村（社区）',
      team: '考察组',
      people: '考察对象',
      updated: '最近修改',
    },
    workbook: {
      newTitle: '新建工作簿',
      editTitle: '编辑工作簿',
      unitSection: '单位',
      township: '乡镇（街道）',
      townshipHint: '如：大同镇',
      unit: '村（社区）',
      unitHint: '如：红星村',
      teamSection: '考察组',
      teamName: '考察组名称',
      teamNameHint: '如：第三考察组',
      teamMembers: '考察组成员',
      teamMembersHint: '用顿号或逗号分隔，如：王明、李华',
      peopleSection: '考察对象',
      personName: (n: number) => `第 ${n} 人姓名`,
      personCurrentPost: (n: number) => `第 ${n} 人现任职务`,
      personProposedPost: (n: number) => `第 ${n} 人拟任职务`,
      removePerson: '删除',
      addPerson: '添加一人',
      peopleHint: '在最后一行的“拟任职务”中按回车可添加下一人。选票上的候选人顺序与此一致。',
      unitRequired: '请填写村（社区）名称。',
      nameRequired: (row: number) => `第 ${row} 行没有填写姓名。`,
      duplicateName: (name: string) => `考察对象“${name}”重复：同名的人请加以区分（如“${name}（一组）”）。`,
      create: '创建工作簿',
      saveChanges: '保存修改',
    },
    workbookPage: {
      title: '工作簿',
      newMeeting: '新建会议',
      edit: '编辑工作簿',
      team: '考察组',
      members: '成员',
      meetings: '会议',
      noMeetings: '还没有会议。新建一次会议（民主测评或民主推荐）即可开始计票。',
      meetingTitle: '会议',
      meetingDate: '日期',
      form: '表式',
      entered: '录入 / 收回',
      enteredOf: (entered: number, returned: number) => `${entered} / ${returned}`,
      results: '结果',
      editMeeting: '会议信息',
      people: (n: number) => `考察对象（${n} 人）`,
    },
    meeting: {
      newTitle: '新建会议',
      editTitle: '会议信息',
      basics: '会议与表式',
      form: '表式',
      maxSelections: '每票最多推荐人数',
      title: '会议名称',
      defaultEvaluationTitle: '民主测评大会',
      defaultRecommendTitle: '民主推荐大会',
      date: '会议日期',
      countsSection: '到会与票数',
      countsHint: '收回票数可在收票后再填；录入票数等于收回票数后才能得出正式结果。',
      quorum: '到会要求',
      atLeast: '达到（≥）',
      moreThan: '超过（>）',
      quorumFraction: '应到人数的',
      minPresent: '最低到会人数',
      minPresentHint: '不设可留空',
      candidates: '选票上的候选人',
      candidatesFixed: '会议建立后，表式和候选人不能再改，以免已录入的选票改变含义。',
      noPeopleInWorkbook: '工作簿中还没有考察对象：请先编辑工作簿，录入考察对象。',
      countInvalid: (field: string) => `“${field}”应填写非负整数。`,
      minPresentInvalid: '“最低到会人数”应填写整数，或留空。',
      maxInvalid: '“每票最多推荐人数”应为不小于 1 的整数。',
      noCandidates: '请至少选择一名候选人。',
      createAndEnter: '创建并开始计票',
      saveChanges: '保存',
    },
    entry: {
      title: '计票',
      entryAreaLabel: '选票录入区：按数字键为当前候选人标记',
      ballotNumber: (n: number) => `第 ${n} 张`,
      correcting: (n: number) => `正在更正第 ${n} 张：Backspace 退回修改，Enter 保存更正，Esc 放弃更正`,
      wasInvalid: (reason: string) => `这张票原为整票无效（${reason}），请重新录入。`,
      tick: '打勾',
      spaceKey: '空格',
      voidItem: '该项无效',
      shortAbstain: '弃',
      shortNoTick: '·',
      shortVoid: '废',
      saving: (n: number) => `正在保存 ${n} 张……`,
      invalidBallot: (reason: string) => `整票无效：${reason}`,
      corrected: '（已更正）',
      noBallotsYet: '还没有录入选票。',
      keyHelpTitle: '按键说明',
      countsTitle: '实时计数',
      recentTitle: '最近录入',
      correctionNote: '录入时按 Ctrl+Z 更正',
      saved: (n: number, invalidReason: string | null) => (invalidReason ? `第 ${n} 张已保存（整票无效：${invalidReason}）` : `第 ${n} 张已保存`),
      correctionSaved: (n: number) => `第 ${n} 张的更正已保存，并已记入操作日志`,
      saveFailed: (detail: string) => `这张票没有保存成功（${detail}），已放回录入区，请按 Enter 重新保存。`,
      noPrevious: '还没有上一张票可以复制。',
      nothingToReopen: '还没有已录入的选票可以更正。',
      reopened: (n: number) => `已取回第 ${n} 张进行更正`,
      optionOutOfRange: (k: number) => `该项只有 1–${k} 可选`,
      finishCurrentFirst: '请先完成当前这张票（Enter）或清空它（Esc），再更正上一张。',
      toResults: '结果',
      editMeeting: '会议信息',
      maxLine: (n: number) => `（每票最多 ${n} 人）`,
      progress: (entered: number, returned: number) => `已录入 ${entered} 张 / 收回 ${returned} 张`,
      clickToContinue: '录入区未激活：点击这里继续录入',
    },
    keyTable: [
      ['1 … k', '给当前候选人标记第 1…k 个选项（全角数字、小键盘同样有效），并转到下一人；推荐票 1 为打勾'],
      ['0 / 空格', '当前候选人不作标记（弃权；推荐票为不选），转到下一人'],
      ['Shift + 1 … k', '当前及其后所有候选人都标记该选项，并保存这张票'],
      ['Enter', '保存这张票；尚未标记的候选人为空白'],
      ['*', '与上一张票相同：复制并保存'],
      ['-', '当前项无效（同一人多选），转到下一人'],
      ['/', '整张票无效：选择原因后保存'],
      ['Backspace', '退回上一个候选人并清除其标记'],
      ['Esc', '清空正在录入的这张票'],
      ['Ctrl + Z', '取回刚保存的那张票进行更正（记入日志）'],
      ['F8', '查看结果 / 返回计票'],
    ] as readonly (readonly [string, string])[],
    invalidDialog: {
      title: '整票无效：选择原因',
      reasons: ['所选人数或档次超过规定', '字迹或标记无法辨认', '有其他标记或字迹', '未使用本次会议的选票'],
      other: '其他原因（输入）',
      otherLabel: '原因',
      hint: '按数字选择原因并保存；Esc 取消。',
    },
    results: {
      title: (meeting: string) => `计票结果${meeting ? `：${meeting}` : ''}`,
      export: '导出 Excel',
      exporting: '正在导出……',
      exported: (path: string) => `已导出：${path}`,
      backToTally: '返回计票',
      voidBanner: '本次会议无效：以下票数仅供核查，不能作为测评结果，须重新组织投票。',
      incompleteBanner: '录入票数与收回票数不一致：计票尚未完成，以下结果不是正式结果。',
      tableTitle: '候选人得票',
      writeIn: (name: string, votes: number) => `${name}：${votes} 票`,
      fingerprint: '选票数据指纹：',
    },
  },

  audit: {
    workbookCreated: (unit: string) => `建立工作簿：${unit}`,
    workbookEdited: '修改工作簿信息',
    meetingCreated: (title: string) => `建立会议：${title}`,
    meetingEdited: (before: MeetingCounts, after: MeetingCounts) =>
      `修改会议信息（应到/实到/发出/收回：${before.expected}/${before.present}/${before.issued}/${before.returned} → ${after.expected}/${after.present}/${after.issued}/${after.returned}）`,
    ballotAdded: (n: number) => `录入第 ${n} 张选票`,
    ballotCorrected: (n: number, note: string) => `更正第 ${n} 张选票：${note}`,
  },

  browserMode: {
    usage: '用法：npm start -- [--browser] [--port 端口] [--data-dir 文件夹] [--no-open]',
    started: (url: string, exportsDir: string) =>
      [
        '测评计票台已在浏览器模式下启动（仅本机可访问）。',
        `请用浏览器打开：${url}`,
        `导出的 Excel 文件保存在：${exportsDir}`,
        '数据保存在该浏览器中；请始终用同一浏览器、同一地址打开。按 Ctrl+C 停止。',
      ].join('\n'),
    badPort: (value: string) => `端口“${value}”无效：应为 1–65535 的整数。`,
    portInUse: (port: number) =>
      `端口 ${port} 已被占用：可能已有一个计票台在运行（请使用它打印的地址），或用 --port 指定其他端口。注意：换端口后，浏览器中看不到原端口下的数据。`,
    failed: (detail: string) => `无法启动本机服务（${detail}）。`,
  },

  desktop: {
    exportsFolder: '测评计票台导出',
    menuFile: '文件',
    openExports: '打开导出文件夹',
    quit: '退出',
    menuEdit: '编辑',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    menuView: '视图',
    reload: '重新载入',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullscreen: '全屏',
  },

  tallyRefused: (problem: string) => `计票被拒绝：${problem}。请检查选票数据。`,

  checks: {
    quorumOk: (present: number, expected: number, comparison: Comparison, threshold: Fraction) =>
      `实到 ${present} 人，应到 ${expected} 人，符合到会要求（${COMPARISON_SYMBOL[comparison]} ${formatThreshold(threshold)}）`,
    quorumFailed: (present: number, expected: number, comparison: Comparison, threshold: Fraction) =>
      `实到 ${present} 人，应到 ${expected} 人，不符合到会要求（${COMPARISON_SYMBOL[comparison]} ${formatThreshold(threshold)}）：会议无效，须重新组织`,
    minPresentUnset: '未设定最低到会人数',
    minPresentOk: (present: number, min: number) => `实到 ${present} 人，不少于最低要求 ${min} 人`,
    minPresentFailed: (present: number, min: number) => `实到 ${present} 人，少于最低要求 ${min} 人：会议无效，须重新组织`,
    returnedOk: (returned: number, issued: number) => `收回 ${returned} 张，未超过发出的 ${issued} 张`,
    returnedFailed: (returned: number, issued: number) =>
      `收回 ${returned} 张，多于发出的 ${issued} 张：本次投票无效，须重新组织投票`,
    issuedOk: (issued: number, present: number) => `发出 ${issued} 张，未超过实到 ${present} 人`,
    issuedWarning: (issued: number, present: number) => `发出 ${issued} 张，多于实到 ${present} 人，请核实`,
    enteredOk: (entered: number) => `已录入 ${entered} 张，与收回票数一致`,
    enteredShort: (entered: number, returned: number) => `已录入 ${entered} 张，收回 ${returned} 张，还差 ${returned - entered} 张`,
    enteredOver: (entered: number, returned: number) =>
      `已录入 ${entered} 张，比收回的 ${returned} 张多 ${entered - returned} 张：请检查是否有选票重复录入`,
    itemTotalsOk: (valid: number) => `每名候选人的各项票数之和都等于有效票 ${valid} 张`,
    itemTotalsFailed: (name: string, question: string, total: number, valid: number) =>
      `${name}（${question}）各项合计 ${total}，不等于有效票 ${valid} 张`,
  },

  flag: (rateName: string, numerator: number, denominator: number, comparison: Comparison, threshold: Fraction) =>
    `${rateName} ${formatPercent(numerator, denominator)}，${COMPARISON_WORD[comparison]} ${formatThreshold(threshold)}`,

  basis: {
    title: '口径说明',
    rate: (rateName: string, numeratorLabels: string[], base: DenominatorBase) =>
      `${rateName} = ${numeratorLabels.join(' + ')} 票数 ÷ ${BASE_NAME[base]}`,
    flagRule: (rateName: string, comparison: Comparison, threshold: Fraction, severity: FlagSeverity) =>
      `${rateName}${COMPARISON_WORD[comparison]} ${formatThreshold(threshold)}（${COMPARISON_SYMBOL[comparison]}）时标注“${
        { serious: '严重', warning: '提示', info: '说明' }[severity]
      }”`,
    validBallots:
      '有效票 = 录入票数 − 整票无效票；整票无效的选票（如超过规定人数、无法辨认、有其他标记）不计入任何候选人的票数，也不计入有效票。',
    blanks: '某一候选人未作标记的，计为“弃权”，该票仍为有效票，计入分母；对同一候选人多选的，该项计为“无效”，其余项照常计算，也计入分母。',
    abstainOption: '表式中的“弃权”选项与未作标记的项合并计为“弃权”。',
    recommendBlank: '未打勾的候选人不得票；对同一候选人的标记无法辨认的，该项计为“无效”。',
    recommendMax: (max: number) =>
      `每票最多推荐 ${max} 人（勾选与另推他人合计），超过的整票无效。另推他人姓名去除空格后相同的视为同一人；与名单中候选人同名的，计为对该候选人的推荐，同一张票只计一次。`,
    ranking: '按得票数由高到低排名，票数相同的名次并列。',
    quorum: (comparison: Comparison, threshold: Fraction, minPresent: number | null) =>
      `到会要求：实到人数 ${COMPARISON_SYMBOL[comparison]} 应到人数的 ${formatThreshold(threshold)}${
        minPresent === null ? '' : `，且不少于 ${minPresent} 人`
      }；收回票数多于发出票数的，本次投票无效。`,
    optionShare: '各档次“占比” = 该档票数 ÷ 有效票数。',
    rounding: '各项票数按实际张数保存；比率按精确值计算和比较，仅在显示时四舍五入保留到百分比的两位小数。',
    fingerprint: (fingerprint: string) => `选票数据指纹（SHA-256，算法见 docs/fingerprint.md）：${fingerprint}`,
  },
};

export type Catalogue = typeof zh;
