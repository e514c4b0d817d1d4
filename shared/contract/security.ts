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

/** The header names of the browser-mode token and the meta tag that carries it into the page. */
export const HOST_TOKEN_HEADER = 'x-tally-token';
export const HOST_TOKEN_META = 'tally-host-token';
export const HOST_TOKEN_COOKIE = 'tally_token';
