/** Serving the built renderer, shared by the app:// protocol (desktop) and the browser-mode host. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { RENDERER_CSP, STYLE_NONCE_PLACEHOLDER, rendererCsp } from '../../shared/contract/security';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}

/** The file a URL path names inside the renderer folder, or null for anything that would leave it. */
export function rendererFileFor(rendererDir: string, urlPath: string): string | null {
  let relative: string;
  try {
    relative = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return null;
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

/** What a shell sends for one file of the built renderer: its bytes and its Content-Security-Policy. */
export interface RendererResponse {
  body: Buffer;
  csp: string;
}

/**
 * The start page (an .html file with the nonce placeholder) gets a nonce of its own, fresh for every
 * response, written into its meta tag and into its policy; every other file is sent as it is, under
 * the policy without a nonce.
 */
export function rendererResponse(file: string, body: Buffer): RendererResponse {
  if (path.extname(file) !== '.html') return { body, csp: RENDERER_CSP };
  const html = body.toString('utf8');
  if (!html.includes(STYLE_NONCE_PLACEHOLDER)) return { body, csp: RENDERER_CSP };
  const nonce = randomBytes(18).toString('base64');
  return { body: Buffer.from(html.split(STYLE_NONCE_PLACEHOLDER).join(nonce), 'utf8'), csp: rendererCsp(nonce) };
}

/**
 * The host's own pages (a stale address, a refused host name, not found), styled by a stylesheet
 * served from HOST_PAGE_CSS_PATH: the renderer's CSP (style-src 'self') blocks inline styles, and
 * an unstyled wall of text is what a clerk saw after a restart.
 */
export const HOST_PAGE_CSS_PATH = '/host-page.css';

export const HOST_PAGE_CSS = `:root { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif; color: #1d1d1f; background: #f6f7f9; }
body { margin: 0; }
main { max-width: 40rem; margin: 10vh auto; padding: 2rem 2.5rem; background: #fff; border: 1px solid #d0d4da; border-top: 6px solid #a61b1b; border-radius: 8px; line-height: 1.7; font-size: 1.1rem; }
.product-name { margin: 0; color: #a61b1b; font-size: 1rem; font-weight: 700; letter-spacing: 0.1em; }
h1 { margin: 0.4rem 0 1rem; font-size: 1.6rem; }
ol { padding-left: 1.5em; }
li { margin: 0.4rem 0; }
code { padding: 0 0.3em; border: 1px solid #d0d4da; border-radius: 4px; background: #f6f7f9; font-size: 1.05em; }
.note { color: #5f6368; font-size: 1rem; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `npm start` in running text, set as code so it reads as the thing to type. */
function withCommands(text: string): string {
  return escapeHtml(text).replace(/npm start/g, '<code>npm start</code>');
}

export interface HostPage {
  appName: string;
  title: string;
  paragraphs: string[];
  steps?: string[];
  note?: string;
}

export function hostPageHtml(page: HostPage): string {
  const steps = page.steps && page.steps.length > 0 ? `<ol>${page.steps.map((s) => `<li>${withCommands(s)}</li>`).join('')}</ol>` : '';
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.appName)}</title><link rel="stylesheet" href="${HOST_PAGE_CSS_PATH}"></head>`,
    `<body><main><p class="product-name">${escapeHtml(page.appName)}</p><h1>${escapeHtml(page.title)}</h1>`,
    page.paragraphs.map((p) => `<p>${withCommands(p)}</p>`).join(''),
    steps,
    page.note ? `<p class="note">${withCommands(page.note)}</p>` : '',
    '</main></body></html>',
  ].join('');
}
