export { parse, spanAt } from './parse.js';
export type { ParsedDocument, NodePath } from './parse.js';
