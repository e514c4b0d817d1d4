/** Replaced at build time by scripts/build.mjs with package.json's version. */
declare const __APP_VERSION__: string;
