export { buildIr, integerWeights, MESH_DEFAULTS } from './build.js';
export type * from './types.js';
