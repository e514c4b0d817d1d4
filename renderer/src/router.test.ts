import { describe, expect, it } from 'vitest';
import type { Route, RouteName } from './router';
import { ROUTES, href, parseRoute } from './router';

/** A route of each name, with parameters that need escaping (a space, a slash, Chinese). */
function sample(name: RouteName): Route {
  const values: Record<string, string> = {};
  const [path = '', query] = ROUTES[name].split('?');
  for (const segment of path.split('/')) if (segment.startsWith(':')) values[segment.slice(1)] = `红星 村/${segment.slice(1)}`;
  for (const parameter of query ? query.split('&') : []) values[parameter] = 'preset:approval-3';
  return { name, ...values } as Route;
}

describe('the route table', () => {
  it('reads back every route it writes, parameters and all', () => {
    for (const name of Object.keys(ROUTES) as RouteName[]) {
      if (name === 'not-found') continue;
      const route = sample(name);
      expect(parseRoute(href(route)), name).toEqual(route);
    }
  });

  it('writes the addresses users and older tabs have', () => {
    expect(href({ name: 'home' })).toBe('#/');
    expect(href({ name: 'workbook', id: 'w1' })).toBe('#/workbooks/w1');
    expect(href({ name: 'meeting-new', workbookId: 'w1' })).toBe('#/workbooks/w1/meetings/new');
    expect(href({ name: 'ballot-import', id: 'm1' })).toBe('#/meetings/m1/import');
    expect(href({ name: 'form-edit', id: 'f1', from: null })).toBe('#/forms/f1');
    expect(parseRoute('#/forms/f1?from=preset%3Aapproval-3')).toEqual({ name: 'form-edit', id: 'f1', from: 'preset:approval-3' });
    expect(parseRoute('#/meetings/m1/tally')).toEqual({ name: 'tally', id: 'm1' });
    expect(parseRoute('')).toEqual({ name: 'home' });
  });

  it('takes a literal segment before a parameter, and anything else as not found', () => {
    expect(parseRoute('#/workbooks/new')).toEqual({ name: 'workbook-new' });
    expect(parseRoute('#/workbooks/w1/meetings/new')).toEqual({ name: 'meeting-new', workbookId: 'w1' });
    for (const address of ['#/workbooks/w1/nothing', '#/meetings/m1', '#/audit/extra', '#/%E0%A4%A', '#/unknown']) {
      expect(parseRoute(address), address).toEqual({ name: 'not-found' });
    }
    expect(href({ name: 'not-found' })).toBe('#/');
  });
});
