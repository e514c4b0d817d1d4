import { describe, expect, it } from 'vitest';
import type { CellGrid } from './ballot-grid';
import { formatImportProblems } from './ballot-grid';
import { normalizeBirthDate, parseCandidateList } from './candidate-list';

const grid = (rows: string[][]): CellGrid => ({ source: '名单.xlsx', sheet: 'Sheet1', rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) });

describe('candidate lists', () => {
  it('reads the usual header spellings and normalises names and birth dates', () => {
    const parsed = parseCandidateList(
      grid([
        ['序号', '名字', '性别', '出生日期', '政治面貌', '文化程度', '现职务', '拟任岗位', '备注', '联系电话'],
        ['1', ' 张明\u3000', '男', '1980-05-12', '中共党员', '大专', '村委会委员', '村党组织书记', '', '138'],
        ['2', '王䶮', '女', '1975年3月', '群众', '高中', '', '村委会委员', '', ''],
        ['3', '𠀾海', '', '198811', '', '', '', '', '', ''],
      ]),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.people.map((p) => [p.name, p.gender, p.birthDate, p.currentPost, p.proposedPost])).toEqual([
      ['张明', '男', '1980.05', '村委会委员', '村党组织书记'],
      ['王䶮', '女', '1975.03', '', '村委会委员'],
      ['𠀾海', '', '1988.11', '', ''],
    ]);
    expect(parsed.value.ignoredColumns).toEqual(['联系电话']);
  });

  it('refuses a bad list with every problem located, taking nobody from it', () => {
    const parsed = parseCandidateList(
      grid([
        ['姓名', '性别', '出生年月'],
        ['张明', '男', '1980.05'],
        ['', '女', '1981.01'],
        ['张明', '男', '1980.05'],
        ['李华', '未知', '八零年'],
        ['王五', '男', '1979.02'],
      ]),
      ['王五'],
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const text = formatImportProblems(parsed.errors);
    expect(text).toContain('第 3 行 A 列：这一行没有姓名');
    expect(text).toContain('第 4 行 A 列：值“张明”：姓名重复（第 2 行已有）');
    expect(text).toContain('第 5 行 B 列：值“未知”：性别应为“男”或“女”');
    expect(text).toContain('第 5 行 C 列：值“八零年”：出生年月无法识别');
    expect(text).toContain('第 6 行 A 列：值“王五”：工作簿中已有此人');
  });

  it('refuses a list without a name column', () => {
    const parsed = parseCandidateList(grid([['性别'], ['男']]));
    expect(!parsed.ok && formatImportProblems(parsed.errors)).toMatch(/找不到姓名列/);
  });

  it('understands the ways birth months are written', () => {
    expect(['1980-05', '1980.5', '1980年5月', '198005', '1980/05/12', '１９８０．０５'].map(normalizeBirthDate)).toEqual([
      '1980.05',
      '1980.05',
      '1980.05',
      '1980.05',
      '1980.05',
      null,
    ]);
  });
});
