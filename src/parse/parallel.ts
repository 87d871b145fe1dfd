/**
 * Parsing on more than one core. YAML parsing is the largest single cost of
 * a big build (about 30 % at 1,000 services, docs/performance.md), and files
 * parse independently: a worker thread parses part of the files while this
 * thread parses the rest. The worker sends back plain values and spans, not
 * syntax trees (which cannot cross threads); a tree is rebuilt by parsing
 * the file again only if a diagnostic needs a position in it.
 *
 * The result is the same as `parse`: the same documents in the same order,
 * the same diagnostics. If a worker cannot be started or fails, its files are
 * parsed here instead.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DiagnosticBag } from '../diagnostics/index.js';
import type { SourceFile } from '../source/index.js';
import { parse, withLazySyntaxTrees, type ParsedDocument } from './parse.js';
import type { ParseJob, ParseResult } from './worker.js';

/**
 * Below this much YAML, starting a worker (loading yaml and the message
 * table in a fresh thread) costs more than it saves.
 */
export const PARALLEL_PARSE_MIN_BYTES = 512 * 1024;

export interface ParallelParseOptions {
  /** Threads in all, this one included; default: the machine's available parallelism, at most 4. */
  readonly threads?: number;
  /** Parse in parallel only from this many characters of input; default PARALLEL_PARSE_MIN_BYTES. */
  readonly minBytes?: number;
  /** The worker's module (tests use a missing one to see the fallback); default ./worker.js. */
  readonly workerUrl?: URL;
}

/** Like `parse`, spreading the files over worker threads when the input is big enough. */
export async function parseParallel(files: readonly SourceFile[], bag: DiagnosticBag, options: ParallelParseOptions = {}): Promise<ParsedDocument[]> {
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 4), files.length));
  const total = files.reduce((n, f) => n + f.text.length, 0);
  if (threads === 1 || total < (options.minBytes ?? PARALLEL_PARSE_MIN_BYTES)) return parse(files, bag);

  // Contiguous shares of about equal size, so the documents come back in file order.
  const shares: SourceFile[][] = [];
  let share: SourceFile[] = [];
  let size = 0;
  for (const f of files) {
    share.push(f);
    size += f.text.length;
    if (size >= (total / threads) * (shares.length + 1) && shares.length < threads - 1) {
      shares.push(share);
      share = [];
    }
  }
  shares.push(share);

  // Workers take the later shares; this thread parses the first meanwhile. The worker is the
  // compiled module dist/src/parse/worker.js: '../parse/' resolves to it from dist/src/parse/
  // and from the CLI bundle in dist/src/bundle/ alike.
  const url = options.workerUrl ?? new URL('../parse/worker.js', import.meta.url);
  const pending = shares.slice(1).map((s) => (s.length > 0 ? inWorker(s, url) : Promise.resolve(undefined)));
  const out = parse(shares[0]!, bag);
  const results = await Promise.all(pending);
  results.forEach((r, i) => {
    const mine = shares[i + 1]!;
    if (!r) {
      out.push(...parse(mine, bag));
      return;
    }
    for (const d of r.diagnostics) bag.add(d);
    const byFile = new Map<string, Omit<ParsedDocument, 'doc'>[]>();
    for (const d of r.documents) {
      const list = byFile.get(d.file);
      if (list) list.push(d);
      else byFile.set(d.file, [d]);
    }
    for (const f of mine) {
      const docs = byFile.get(f.path);
      if (docs) out.push(...withLazySyntaxTrees(f, docs));
    }
  });
  return out;
}

/** Parses files in a new worker thread; undefined if the worker could not do it. */
function inWorker(files: readonly SourceFile[], url: URL): Promise<ParseResult | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch {
      resolve(undefined);
      return;
    }
    let settled = false;
    const settle = (r: ParseResult | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker.terminate();
    };
    worker.once('message', (r: ParseResult) => settle(r));
    worker.once('error', () => settle(undefined));
    worker.once('exit', () => settle(undefined));
    const job: ParseJob = { files: files.map((f) => ({ path: f.path, text: f.text })) };
    worker.postMessage(job);
  });
}
