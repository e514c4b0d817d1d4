/**
 * The page's style nonce (see shared/contract/security.ts), read once from the meta tag the host
 * filled in, and given to every <style> element the app's own scripts create.
 *
 * Ant Design passes the nonce it is given (ConfigProvider csp) to the styles it writes for its
 * components, but three small styles of its helper library do not take one: a probe of `:where`
 * support when the library loads, the scroll-bar width measure, and the scroll lock of an open
 * dialog. Blocked, they would only leave an error in the console and a page that scrolls behind a
 * dialog; patched here, before the library is imported, they are allowed like the rest. Style
 * elements arriving any other way (markup in data) still have no nonce and stay blocked.
 *
 * This module must be imported before antd (renderer/src/main.tsx imports it first).
 */
import { STYLE_NONCE_META, STYLE_NONCE_PLACEHOLDER } from '../../../shared/contract/security';

function readNonce(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${STYLE_NONCE_META}"]`)?.content;
  // An unfilled placeholder (the file opened without a host) is no nonce: styles are then blocked, as the policy says.
  return content && content !== STYLE_NONCE_PLACEHOLDER ? content : undefined;
}

export const styleNonce: string | undefined = readNonce();

if (styleNonce !== undefined) {
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function createElementWithNonce(this: Document, tagName: string, options?: ElementCreationOptions): HTMLElement {
    const element = create.call(this, tagName, options);
    if (element instanceof HTMLStyleElement && element.nonce === '') element.nonce = styleNonce;
    return element;
  } as typeof Document.prototype.createElement;
}
