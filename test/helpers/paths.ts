import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

/** The repository root; tests run from dist/test, two levels below it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}
