/**
 * The renderer's CSP allows no eval (script-src 'self'). Zod would otherwise probe for it with
 * `Function('')` at its first parse, to compile faster validators: the probe is caught, but it is
 * still a refused script in the console of every page. Jitless, it validates by interpretation only.
 * Imported first by main.tsx, before anything parses.
 */
import { config } from 'zod';

config({ jitless: true });
