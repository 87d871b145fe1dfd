export { emitStatic, toJson } from './serialize.js';
export type { OutputFiles } from './serialize.js';
export { writeOutputDir, readOutputDir, OutputError } from './write.js';
