import type { MeshIr, ServiceIr } from '../ir/index.js';

const indexes = new WeakMap<MeshIr, ReadonlyMap<string, ServiceIr>>();

/**
 * Services by key, built once per IR. Emitters look services up for every
 * route and cluster of every proxy; rebuilding the map per call made
 * lowering quadratic in the number of services.
 */
export function serviceIndex(ir: MeshIr): ReadonlyMap<string, ServiceIr> {
  let index = indexes.get(ir);
  if (!index) {
    index = new Map(ir.services.map((s) => [s.key, s]));
    indexes.set(ir, index);
  }
  return index;
}
