/**
 * The front half of the pipeline: everything `meshc validate` runs. It
 * imports nothing of lowering or verification, so a pre-commit hook loads
 * only what it uses.
 */
import { check, type CheckContext } from './check/index.js';
import { DiagnosticBag, diagnostic, type Diagnostic } from './diagnostics/index.js';
import { parse, type ParsedDocument } from './parse/index.js';
import { parseParallel, type ParallelParseOptions } from './parse/parallel.js';
import { validateSchema } from './schema/index.js';
import { SourceFile, type SourceInput } from './source/index.js';

/** A phase of the front half. */
export type FrontPhase = 'parse' | 'schema' | 'check';

export interface AnalyzeResult {
  /** The checked model, when every phase that ran reported no error and checking ran. */
  readonly model?: CheckContext;
  /** Everything reported so far (unsorted; the caller sorts once at the end). */
  readonly bag: DiagnosticBag;
  /** The source files, by path, for rendering diagnostics. */
  readonly files: ReadonlyMap<string, SourceFile>;
}

/**
 * Parses, validates against the schemas and runs the semantic rules, over the
 * inputs in sorted path order. Each phase reports every problem it sees; the
 * pipeline stops after the first phase that reported an error, with one
 * refinement: when the schema phase could keep every document (its only
 * errors were unknown fields), the semantic rules still run, so a typo does
 * not hide the rest.
 */
export function analyze(inputs: readonly SourceInput[], until: FrontPhase = 'check'): AnalyzeResult {
  const { sources, files } = sourceFiles(inputs);
  const bag = new DiagnosticBag();
  return analyzeDocuments(parse(sources, bag), files, bag, until); // YAML → documents with spans MESH1xxx
}

/** `analyze`, with big inputs parsed on several threads (src/parse/parallel.ts); the same result. */
export async function analyzeParallel(
  inputs: readonly SourceInput[],
  until: FrontPhase = 'check',
  options: ParallelParseOptions = {},
): Promise<AnalyzeResult> {
  const { sources, files } = sourceFiles(inputs);
  const bag = new DiagnosticBag();
  return analyzeDocuments(await parseParallel(sources, bag, options), files, bag, until);
}

/** The inputs as source files, sorted by path (the order of every later phase), and by path. */
export function sourceFiles(inputs: readonly SourceInput[]): { sources: SourceFile[]; files: Map<string, SourceFile> } {
  const sources = [...inputs]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((i) => new SourceFile(i.path, i.text));
  return { sources, files: new Map(sources.map((f) => [f.path, f])) };
}

/** `analyze` after parsing: `documents` and `bag` are what parsing `files` gave. */
export function analyzeDocuments(
  documents: readonly ParsedDocument[],
  files: ReadonlyMap<string, SourceFile>,
  bag: DiagnosticBag,
  until: FrontPhase = 'check',
): AnalyzeResult {
  if (documents.length === 0 && !bag.hasErrors) bag.report('NoResources', undefined);
  if (bag.hasErrors || until === 'parse') return { bag, files };
  const schema = validateSchema(documents, bag); //         documents → typed resources     MESH2xxx
  if ((bag.hasErrors && !schema.complete) || until === 'schema') return { bag, files };
  const model = check(schema.resources, bag); //            semantic rules                  MESH3xxx
  return bag.hasErrors ? { bag, files } : { model, bag, files };
}

/** What `meshc validate` needs: the diagnostics of the front half, sorted, and the files (big inputs parsed on several threads). */
export async function validate(
  inputs: readonly SourceInput[],
  options: ParallelParseOptions = {},
): Promise<{ diagnostics: readonly Diagnostic[]; files: ReadonlyMap<string, SourceFile> }> {
  try {
    const { bag, files } = await analyzeParallel(inputs, 'check', options);
    return { diagnostics: bag.sorted(), files };
  } catch (e) {
    return {
      diagnostics: [diagnostic('InternalError', undefined, { detail: e instanceof Error ? e.message : String(e) })],
      files: new Map(),
    };
  }
}
