export { emit, emitEach, emitStatic, toJson, toYaml, DEFAULT_CONFIG_DIR, SHARED_DIR } from './serialize.js';
export type { OutputFile, OutputFiles, OutputMode, OutputFormat, EmitOptions } from './serialize.js';
export { writeOutputDir, readOutputDir, OutputError } from './write.js';
export { diffOutputs } from './diff.js';
export type { DiffResult, FileDiff, ResourceChange, ResourceKind, ChangeKind } from './diff.js';
export { renderDiffText, renderDiffJson, renderDiffMarkdown, diffHeadline, plainDiffPalette } from './diffReport.js';
export type { DiffPalette, MarkdownOptions } from './diffReport.js';
