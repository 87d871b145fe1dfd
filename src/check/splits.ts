import type { Resource } from '../schema/index.js';
import type { CheckContext, ServiceKey } from './CheckContext.js';

/** The split of a service and the services its expansion continues into. */
export interface SplitEdge {
  readonly split: Resource<'TrafficSplit'>;
  /** Services whose own split applies next: backends that name a service but no subset. */
  readonly targets: readonly ServiceKey[];
}

/**
 * The graph of split expansion: a backend with a subset is a leaf, a backend
 * that names a whole service is expanded by that service's split in turn.
 * Only the first split of each service counts (more are an error of their own).
 */
export function splitEdges(ctx: CheckContext): Map<ServiceKey, SplitEdge> {
  const edges = new Map<ServiceKey, SplitEdge>();
  for (const split of ctx.ofKind('TrafficSplit')) {
    const key = ctx.resolveRef(split.spec.service, split.namespace);
    if (edges.has(key)) continue;
    // A backend with neither subset nor service is an error of its own (SplitBackendRule), not a self-loop.
    const targets = split.spec.backends
      .filter((b) => b.subset === undefined && b.service !== undefined)
      .map((b) => ctx.resolveRef(b.service ?? split.spec.service, split.namespace));
    edges.set(key, { split, targets });
  }
  return edges;
}
