export { lazySpanAt, parse, reparsedFiles, spanAt, withLazySyntaxTrees } from './parse.js';
export type { ParsedDocument, NodePath } from './parse.js';
