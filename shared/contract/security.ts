/** The Content-Security-Policy both shells send with the renderer: nothing inline, nothing remote. */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

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
