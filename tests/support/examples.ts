/** The example meetings of ../shared/examples (read from there when present, else from the copy in tests/fixtures). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedExamples = path.resolve(projectRoot, '../shared/examples');
export const examplesDir = existsSync(sharedExamples) ? sharedExamples : path.join(projectRoot, 'tests/fixtures/examples');

export interface Example {
  name: string;
  gridPath: string;
  args: string[];
  expected: Record<string, unknown>;
}

export function loadExamples(): Example[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.expected\.json$/, '');
      const grid = readdirSync(examplesDir).find((g) => g.startsWith(`${name}.`) && /\.(csv|xlsx)$/i.test(g));
      if (!grid) throw new Error(`example ${name} has no grid file`);
      const argsFile = path.join(examplesDir, `${name}.args`);
      return {
        name,
        gridPath: path.join(examplesDir, grid),
        args: existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split(/\s+/).filter(Boolean) : [],
        expected: JSON.parse(readFileSync(path.join(examplesDir, f), 'utf8')) as Record<string, unknown>,
      };
    });
}

export function fixturePath(...parts: string[]): string {
  return path.join(projectRoot, 'tests/fixtures', ...parts);
}
