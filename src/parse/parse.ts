import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/index.js';
import type { SourceFile, Span } from '../source/index.js';
import { withPlainEnv } from '../util/plainEnv.js';

/** A path into a document's value: map keys and sequence indexes. */
export type NodePath = readonly (string | number)[];

/** One YAML document of an input file, with its syntax tree kept for positions. */
export interface ParsedDocument {
  /** The path of the file it came from, as given by the user. */
  readonly file: string;
  /** 0-based index of the document within its file. */
  readonly index: number;
  /** The plain JavaScript value of the document (maps become objects). */
  readonly value: unknown;
  /** The YAML syntax tree, used to find the span of any value. */
  readonly doc: Document.Parsed;
  /** The span of the document's contents. */
  readonly span: Span;
}

/** Aliases may be used, but not to blow a small file up into a huge value. */
const MAX_ALIAS_COUNT = 100;

/**
 * The deepest nesting accepted. meshc's deepest resource path is about 10
 * levels; the limit keeps later phases (which recurse) far from the stack's end.
 */
export const MAX_DEPTH = 64;

/**
 * Parses every file into its documents. YAML errors (including duplicate
 * keys) are reported; a document with errors is dropped so later phases see
 * only well-formed values. Empty documents are ignored, as the spec says.
 */
export function parse(files: readonly SourceFile[], bag: DiagnosticBag): ParsedDocument[] {
  return withPlainEnv(() => parseFiles(files, bag));
}

function parseFiles(files: readonly SourceFile[], bag: DiagnosticBag): ParsedDocument[] {
  const out: ParsedDocument[] = [];
  for (const file of files) {
    const docs = yamlDocuments(file.text);
    // parseAllDocuments returns an EmptyStream (an array) for a file with no documents at all.
    let index = 0;
    for (const doc of docs) {
      const i = index++;
      let bad = false;
      for (const err of doc.errors) {
        bad = true;
        const [start, end] = err.pos;
        const span = { file: file.path, start, length: Math.max(1, end - start) };
        if (err.message.includes('Maximum call stack size exceeded')) {
          // yaml's parser ran out of stack on a deeply nested document.
          bag.report('NestingTooDeep', span, { limit: MAX_DEPTH });
        } else if (err.code === 'DUPLICATE_KEY') {
          // yaml points at the key's first character only; the diagnostic covers the whole key.
          const key = keyAt(file.text, start);
          bag.report('YamlDuplicateKey', { file: file.path, start, length: Math.max(1, key.length) }, { key: key.replace(/^["']|["']$/g, '') || '?' });
        } else {
          bag.report('YamlSyntax', span, { detail: firstLine(err.message) });
        }
      }
      for (const warn of doc.warnings) {
        const [start, end] = warn.pos;
        bag.report('YamlWarning', { file: file.path, start, length: Math.max(1, end - start) }, { detail: firstLine(warn.message) });
      }
      if (bad) continue;
      const contents = doc.contents;
      const tooDeep = deeperThan(contents, MAX_DEPTH);
      if (tooDeep) {
        bag.report('NestingTooDeep', rangeSpan(file.path, tooDeep), { limit: MAX_DEPTH });
        continue;
      }
      if (contents === null || (isScalar(contents) && contents.value === null && !contents.tag)) continue;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (e) {
        // yaml throws a ReferenceError when alias expansion exceeds maxAliasCount.
        bag.report('YamlAliasLimit', rangeSpan(file.path, contents), { detail: firstLine((e as Error).message) });
        continue;
      }
      out.push({ file: file.path, index: i, value, doc, span: rangeSpan(file.path, contents) });
    }
  }
  return out;
}

/** yaml's documents of a text, parsed as meshc always parses them. */
function yamlDocuments(text: string): Document.Parsed[] {
  return parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, strict: true }) as Document.Parsed[];
}

let reparsed = 0;

/** How many files had to be parsed again for their syntax trees (see `withLazySyntaxTrees`). */
export function reparsedFiles(): number {
  return reparsed;
}

/**
 * Documents whose syntax trees were left behind (parsed in a worker thread,
 * src/parse/parallel.ts) get them back on demand: the first read of `doc`
 * parses the file's text again, the same way, which gives the same trees.
 * Trees are only needed to locate diagnostics, so a mesh without any
 * normally never pays for this.
 */
export function withLazySyntaxTrees(
  file: SourceFile,
  docs: readonly Omit<ParsedDocument, 'doc'>[],
): ParsedDocument[] {
  let trees: Document.Parsed[] | undefined;
  const treeOf = (index: number): Document.Parsed => {
    if (!trees) {
      reparsed++;
      trees = withPlainEnv(() => yamlDocuments(file.text));
    }
    return trees[index]!;
  };
  return docs.map((d) => ({
    file: d.file,
    index: d.index,
    value: d.value,
    span: d.span,
    get doc() {
      return treeOf(d.index);
    },
  }));
}

/**
 * The span of the value (or, with `part: 'key'`, of the key) at `path` in a
 * document. If the path does not exist, the span of the deepest existing
 * node along it is returned, so a diagnostic always points somewhere useful.
 */
export function spanAt(doc: ParsedDocument, path: NodePath, part: 'value' | 'key' = 'value'): Span {
  let node: unknown = doc.doc.contents;
  let best: Node | null = node as Node | null;
  for (let i = 0; i < path.length; i++) {
    node = resolveAlias(doc.doc, node);
    const seg = path[i];
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      next = pair?.value;
      keyNode = pair?.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (i === path.length - 1 && part === 'key' && keyNode && hasRange(keyNode)) {
      return rangeSpan(doc.file, keyNode);
    }
    if (next === undefined || next === null) {
      // An explicit `key:` with no value: point at the key.
      if (keyNode && hasRange(keyNode)) return rangeSpan(doc.file, keyNode);
      break;
    }
    node = next;
    if (hasRange(node)) best = node;
  }
  return best && hasRange(best) ? rangeSpan(doc.file, best) : doc.span;
}

/**
 * `spanAt`, computed when first read. The IR keeps a span for every route,
 * rule and service in case a later phase reports on it; asking for it only
 * then means a document parsed on a worker thread never has its syntax tree
 * rebuilt unless something is reported (src/parse/parallel.ts).
 */
export function lazySpanAt(doc: ParsedDocument, path: NodePath, part: 'value' | 'key' = 'value'): Span {
  let span: Span | undefined;
  const get = (): Span => (span ??= spanAt(doc, path, part));
  return {
    file: doc.file,
    get start() {
      return get().start;
    },
    get length() {
      return get().length;
    },
  };
}

/** The first node nested deeper than `limit`, found without recursion; undefined when there is none. */
function deeperThan(root: unknown, limit: number): Node | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth >= limit) return node;
      for (const item of node.items as unknown[]) {
        const value = isMap(node) ? (item as { value: unknown }).value : item;
        stack.push([value, depth + 1]);
      }
    }
  }
  return undefined;
}

function resolveAlias(doc: Document.Parsed, node: unknown): unknown {
  let n = node;
  for (let guard = 0; isAlias(n) && guard < MAX_ALIAS_COUNT; guard++) n = n.resolve(doc);
  return n;
}

function hasRange(n: unknown): n is Node & { range: [number, number, number] } {
  return typeof n === 'object' && n !== null && Array.isArray((n as { range?: unknown }).range);
}

function rangeSpan(file: string, node: unknown): Span {
  if (!hasRange(node)) return { file, start: 0, length: 0 };
  const [start, valueEnd] = node.range;
  return { file, start, length: Math.max(1, valueEnd - start) };
}

/** The source text of a mapping key starting at `start` (plain, single- or double-quoted). */
function keyAt(text: string, start: number): string {
  const m = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:#\n,{}[\]]*[^\s:#,{}[\]])/.exec(text.slice(start, start + 1024));
  return m ? m[1]! : '';
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
