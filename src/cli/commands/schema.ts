import { didYouMean } from '../../diagnostics/index.js';
import { ALL_KINDS, bundledSchema, type Kind } from '../../schema/index.js';
import { failWith } from '../compilePaths.js';
import { EXIT } from '../terminal.js';

/** `meshc schema [kind]`: prints a self-contained JSON Schema for editors. */
export function schemaCommand(kind: string | undefined): number {
  if (kind !== undefined && !(ALL_KINDS as readonly string[]).includes(kind)) {
    return failWith('UnknownKind', { found: kind, hint: didYouMean(kind, ALL_KINDS) || `the kinds are ${ALL_KINDS.join(', ')}` }, 'text');
  }
  process.stdout.write(JSON.stringify(bundledSchema(kind as Kind | undefined), null, 2) + '\n');
  return EXIT.ok;
}
