import { validate } from '../../analyze.js';
import { readInputs } from '../inputs.js';
import { EXIT, exitCodeFor, printDiagnostics, type DiagnosticFormat } from '../terminal.js';

export interface ValidateOptions {
  readonly format: DiagnosticFormat;
  readonly maxFileSize?: number;
}

/** `meshc validate`: parse, schema and semantic checks, no output files. */
export async function validateCommand(paths: readonly string[], opts: ValidateOptions): Promise<number> {
  const { inputs, bag } = readInputs(paths, opts.maxFileSize);
  if (bag.hasErrors) {
    printDiagnostics(bag.sorted(), new Map(), opts.format);
    return EXIT.error;
  }
  const result = await validate(inputs);
  printDiagnostics(result.diagnostics, result.files, opts.format);
  return exitCodeFor(result.diagnostics);
}
