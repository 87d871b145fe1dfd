/**
 * A parse worker thread (src/parse/parallel.ts): parses the files it is sent
 * exactly as `parse` does and posts back the documents without their syntax
 * trees (values and spans are plain data) and the diagnostics.
 */
import { parentPort } from 'node:worker_threads';
import { DiagnosticBag, type Diagnostic } from '../diagnostics/index.js';
import { SourceFile, type SourceInput } from '../source/index.js';
import { parse, type ParsedDocument } from './parse.js';

/** What the worker is sent. */
export interface ParseJob {
  readonly files: readonly SourceInput[];
}

/** What it sends back: the documents of every file in order, and what parsing reported. */
export interface ParseResult {
  readonly documents: readonly Omit<ParsedDocument, 'doc'>[];
  readonly diagnostics: readonly Diagnostic[];
}

parentPort?.once('message', (job: ParseJob) => {
  const bag = new DiagnosticBag();
  const docs = parse(
    job.files.map((f) => new SourceFile(f.path, f.text)),
    bag,
  );
  const result: ParseResult = {
    documents: docs.map((d) => ({ file: d.file, index: d.index, value: d.value, span: d.span })),
    diagnostics: bag.sorted(),
  };
  parentPort!.postMessage(result);
});
