/**
 * Hash routes: the address survives reloads and works the same over app:// and http://127.0.0.1.
 *
 * One table (ROUTES) says every screen's address; the Route type, parsing and href() all come from it,
 * and app.tsx's screen table is checked against it by the compiler. A new screen is one line here and
 * one there. In a pattern, `:name` is a path parameter and `?name` an optional query parameter.
 */
import { useSyncExternalStore } from 'react';

export const ROUTES = {
  home: '',
  'workbook-new': 'workbooks/new',
  workbook: 'workbooks/:id',
  'workbook-edit': 'workbooks/:id/edit',
  'meeting-new': 'workbooks/:workbookId/meetings/new',
  plan: 'workbooks/:id/plan',
  interviews: 'workbooks/:id/interviews',
  review: 'workbooks/:id/review',
  risks: 'workbooks/:id/risks',
  judgement: 'workbooks/:id/judgement',
  'meeting-edit': 'meetings/:id/edit',
  tally: 'meetings/:id/tally',
  results: 'meetings/:id/results',
  projector: 'meetings/:id/projector',
  reconcile: 'meetings/:id/reconcile',
  'ballot-import': 'meetings/:id/import',
  audit: 'audit',
  verify: 'verify',
  forms: 'forms',
  merge: 'merge',
  rollup: 'rollup',
  snapshots: 'snapshots',
  'form-edit': 'forms/:id?from',
  /** Any address not above; its own address is home's. */
  'not-found': '',
} as const;

type Patterns = typeof ROUTES;
export type RouteName = keyof Patterns;

type PathOf<P extends string> = P extends `${infer Path}?${string}` ? Path : P;
type QueryOf<P extends string> = P extends `${string}?${infer Query}` ? Query : never;
type PathParams<P extends string> = P extends `${string}:${infer Param}/${infer Rest}` ? Param | PathParams<Rest> : P extends `${string}:${infer Param}` ? Param : never;

export type Route = {
  [N in RouteName]: { name: N } & { [K in PathParams<PathOf<Patterns[N]>>]: string } & { [K in QueryOf<Patterns[N]>]: string | null };
}[RouteName];

/** One route of the table by name, for screens that take their route's parameters. */
export type RouteOf<N extends RouteName> = Extract<Route, { name: N }>;

interface CompiledRoute {
  name: RouteName;
  segments: string[];
  query: string[];
}

const COMPILED: CompiledRoute[] = (Object.entries(ROUTES) as [RouteName, string][])
  .filter(([name]) => name !== 'not-found')
  .map(([name, pattern]) => {
    const [path = '', query] = pattern.split('?');
    return { name, segments: path.split('/').filter(Boolean), query: query ? query.split('&') : [] };
  });

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  let parts: string[];
  try {
    parts = (path ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    // A hand-typed address with a broken % escape: no screen of ours.
    return { name: 'not-found' };
  }
  // Literal segments win over parameters (workbooks/new is not the workbook "new"): the table lists them first.
  for (const route of COMPILED) {
    if (route.segments.length !== parts.length) continue;
    const values: Record<string, string | null> = {};
    const matches = route.segments.every((segment, i) => {
      if (segment.startsWith(':')) {
        values[segment.slice(1)] = parts[i]!;
        return true;
      }
      return segment === parts[i];
    });
    if (!matches) continue;
    for (const name of route.query) values[name] = params.get(name);
    return { name: route.name, ...values } as Route;
  }
  return { name: 'not-found' };
}

export function href(route: Route): string {
  const [path = '', query] = ROUTES[route.name].split('?');
  const values = route as unknown as Record<string, string | null>;
  const filled = path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? encodeURIComponent(values[segment.slice(1)] ?? '') : segment))
    .join('/');
  const search = new URLSearchParams();
  for (const name of query ? query.split('&') : []) {
    const value = values[name];
    if (value) search.set(name, value);
  }
  const suffix = search.size > 0 ? `?${search.toString()}` : '';
  return `#/${filled}${suffix}`;
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
