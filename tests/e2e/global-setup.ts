// End-to-end tests drive what `npm start` serves, so they build it first (about two seconds).
export default async function globalSetup(): Promise<void> {
  // @ts-expect-error: a plain ES module script without type declarations
  const { buildAll } = (await import('../../scripts/build.mjs')) as { buildAll: (o: { quiet: boolean }) => Promise<void> };
  await buildAll({ quiet: true });
}
