/**
 * Node's own SHA-256 for the ballot fingerprint (shared/domain/fingerprint.ts): the digest is the
 * same as the JavaScript one the page uses, at a fraction of the time over 100,000 ballots. Each
 * process that counts (the command line, the desktop host, browser mode's host) installs it at start.
 */
import { createHash } from 'node:crypto';
import type { Sha256Text } from '../../shared/domain/fingerprint';
import { useSha256 } from '../../shared/domain/fingerprint';

export function nodeSha256(): Sha256Text {
  const hash = createHash('sha256');
  return {
    // Lone surrogates become U+FFFD, as TextEncoder makes them for the JavaScript hash.
    update: (text) => hash.update(text, 'utf8'),
    updateBytes: (bytes) => hash.update(bytes),
    hex: () => hash.digest('hex'),
  };
}

export function useNativeSha256(): void {
  useSha256(nodeSha256);
}
