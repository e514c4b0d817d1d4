/** Hash routes: the address survives reloads and works the same over app:// and http://127.0.0.1. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'workbook-new' }
  | { name: 'workbook'; id: string }
  | { name: 'workbook-edit'; id: string }
  | { name: 'plan'; id: string }
  | { name: 'interviews'; id: string }
  | { name: 'review'; id: string }
  | { name: 'risks'; id: string }
  | { name: 'judgement'; id: string }
  | { name: 'meeting-new'; workbookId: string }
  | { name: 'meeting-edit'; id: string }
  | { name: 'tally'; id: string }
  | { name: 'results'; id: string }
  | { name: 'projector'; id: string }
  | { name: 'reconcile'; id: string }
  | { name: 'ballot-import'; id: string }
  | { name: 'audit' }
  | { name: 'verify' }
  | { name: 'forms' }
  | { name: 'merge' }
  | { name: 'rollup' }
  | { name: 'snapshots' }
  | { name: 'form-edit'; id: string; from: string | null }
  | { name: 'not-found' };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = (path ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, id, third, fourth] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (first === 'workbooks' && id === 'new' && parts.length === 2) return { name: 'workbook-new' };
  if (first === 'workbooks' && id && parts.length === 2) return { name: 'workbook', id };
  if (first === 'workbooks' && id && third === 'edit' && parts.length === 3) return { name: 'workbook-edit', id };
  if (first === 'workbooks' && id && third === 'meetings' && fourth === 'new') return { name: 'meeting-new', workbookId: id };
  if (first === 'workbooks' && id && parts.length === 3 && (third === 'plan' || third === 'interviews' || third === 'review' || third === 'risks' || third === 'judgement')) {
    return { name: third, id };
  }
  if (first === 'meetings' && id && third === 'edit') return { name: 'meeting-edit', id };
  if (first === 'meetings' && id && third === 'tally') return { name: 'tally', id };
  if (first === 'meetings' && id && third === 'results') return { name: 'results', id };
  if (first === 'meetings' && id && third === 'projector') return { name: 'projector', id };
  if (first === 'meetings' && id && third === 'reconcile') return { name: 'reconcile', id };
  if (first === 'meetings' && id && third === 'import') return { name: 'ballot-import', id };
  if (first === 'audit' && parts.length === 1) return { name: 'audit' };
  if (first === 'verify' && parts.length === 1) return { name: 'verify' };
  if (first === 'forms' && parts.length === 1) return { name: 'forms' };
  if (first === 'merge' && parts.length === 1) return { name: 'merge' };
  if (first === 'rollup' && parts.length === 1) return { name: 'rollup' };
  if (first === 'snapshots' && parts.length === 1) return { name: 'snapshots' };
  if (first === 'forms' && id && parts.length === 2) return { name: 'form-edit', id, from: params.get('from') };
  return { name: 'not-found' };
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'home':
    case 'not-found':
      return '#/';
    case 'workbook-new':
      return '#/workbooks/new';
    case 'workbook':
      return `#/workbooks/${e(route.id)}`;
    case 'workbook-edit':
      return `#/workbooks/${e(route.id)}/edit`;
    case 'meeting-new':
      return `#/workbooks/${e(route.workbookId)}/meetings/new`;
    case 'plan':
    case 'interviews':
    case 'review':
    case 'risks':
    case 'judgement':
      return `#/workbooks/${e(route.id)}/${route.name}`;
    case 'meeting-edit':
      return `#/meetings/${e(route.id)}/edit`;
    case 'tally':
      return `#/meetings/${e(route.id)}/tally`;
    case 'results':
      return `#/meetings/${e(route.id)}/results`;
    case 'projector':
      return `#/meetings/${e(route.id)}/projector`;
    case 'reconcile':
      return `#/meetings/${e(route.id)}/reconcile`;
    case 'ballot-import':
      return `#/meetings/${e(route.id)}/import`;
    case 'audit':
      return '#/audit';
    case 'verify':
      return '#/verify';
    case 'forms':
      return '#/forms';
    case 'merge':
      return '#/merge';
    case 'rollup':
      return '#/rollup';
    case 'snapshots':
      return '#/snapshots';
    case 'form-edit':
      return `#/forms/${e(route.id)}${route.from ? `?from=${e(route.from)}` : ''}`;
  }
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
