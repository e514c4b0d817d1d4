/**
 * The Content-Security-Policy both shells send with the renderer: nothing inline, nothing remote.
 *
 * One exception, by nonce and never by 'unsafe-inline': the component library (Ant Design) writes
 * its styles into <style> elements at run time. The page that starts the app is sent with a fresh
 * random nonce (STYLE_NONCE_PLACEHOLDER in index.html is replaced per response); the renderer reads it
 * from the STYLE_NONCE_META tag and gives it to the style elements the app's own scripts create. A
 * <style> or style="" smuggled in through data (a name, an imported cell) has no nonce and stays blocked,
 * and scripts still come from the app's own files only.
 */
export function rendererCsp(styleNonce?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    styleNonce === undefined ? "style-src 'self'" : `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The policy of every response but the app's start page: no nonce at all. */
export const RENDERER_CSP = rendererCsp();

/** Stands in index.html where each response puts its own nonce (a meta tag's content). */
export const STYLE_NONCE_PLACEHOLDER = '__TALLY_STYLE_NONCE__';
/** The name of the meta tag that carries the page's style nonce to the renderer's scripts. */
export const STYLE_NONCE_META = 'tally-style-nonce';

/**
 * Browser mode: the launch address carries a one-time code (LAUNCH_CODE_PARAM), which the page
 * sends once to HOST_SESSION_PATH in HOST_LAUNCH_HEADER and gets a session token for; every call
 * then carries that token in HOST_TOKEN_HEADER. No cookie: every port of 127.0.0.1 would get it.
 */
export const LAUNCH_CODE_PARAM = 'launch';
export const HOST_SESSION_PATH = '/session';
export const HOST_LAUNCH_HEADER = 'x-tally-launch';
export const HOST_TOKEN_HEADER = 'x-tally-token';
/** Where the page keeps its session token: sessionStorage, so it lives with the tab, not on disk. */
export const HOST_SESSION_STORAGE_KEY = 'tally-desk-session';
