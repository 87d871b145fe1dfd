import type { CheckContext, ServiceKey } from '../CheckContext.js';
import { splitEdges } from '../splits.js';

/**
 * TrafficSplits form no cycle: a split expands a service into its backends,
 * and an expansion that reaches its own service again would never end.
 */
export function SplitCycleRule(ctx: CheckContext): void {
  const edges = splitEdges(ctx);
  const state = new Map<ServiceKey, 'visiting' | 'done'>();
  const stack: ServiceKey[] = [];
  const reported = new Set<string>();

  const visit = (key: ServiceKey): void => {
    state.set(key, 'visiting');
    stack.push(key);
    for (const next of edges.get(key)?.targets ?? []) {
      const s = state.get(next);
      if (s === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        // Report each cycle once, at the split of its smallest service, so the output does not depend on input order.
        const first = [...cycle].sort()[0]!;
        const id = [...cycle].sort().join(' ');
        if (!reported.has(id)) {
          reported.add(id);
          const start = cycle.indexOf(first);
          const ordered = [...cycle.slice(start), ...cycle.slice(0, start), first];
          const split = edges.get(first)!.split;
          ctx.report('SplitCycle', ctx.span(split, ['spec', 'service']), { cycle: ordered.join(' → ') });
        }
      } else if (s === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(key, 'done');
  };

  for (const key of [...edges.keys()].sort()) if (!state.has(key)) visit(key);
}
