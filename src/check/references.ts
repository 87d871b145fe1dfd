import type { NodePath } from '../parse/index.js';
import type { AnyResource } from '../schema/index.js';
import type { CheckContext } from './CheckContext.js';

/** One place where a resource names a service (and maybe a subset of it). */
export interface ServiceReference {
  readonly resource: AnyResource;
  /** The reference as written, `name` or `name.namespace`. */
  readonly ref: string;
  /** Path to the written service name (or, for an implied service, to the object holding the subset). */
  readonly refPath: NodePath;
  /** The subset named, if any. */
  readonly subset?: string;
  readonly subsetPath?: NodePath;
}

/**
 * Every service reference of the inputs, so that each rule about references
 * (known service, known subset) looks at the same set of places.
 */
export function serviceReferences(ctx: CheckContext): ServiceReference[] {
  const out: ServiceReference[] = [];
  for (const r of ctx.resources) {
    if (r.kind === 'HTTPRoute') {
      if (r.spec.service !== undefined) out.push({ resource: r, ref: r.spec.service, refPath: ['spec', 'service'] });
      r.spec.rules.forEach((rule, i) => {
        (rule.backends ?? []).forEach((b, j) => {
          const at = ['spec', 'rules', i, 'backends', j];
          out.push({
            resource: r,
            ref: b.service,
            refPath: [...at, 'service'],
            ...(b.subset !== undefined ? { subset: b.subset, subsetPath: [...at, 'subset'] } : {}),
          });
        });
        const m = rule.mirror;
        if (m !== undefined) {
          const at = ['spec', 'rules', i, 'mirror'];
          out.push({
            resource: r,
            ref: m.service,
            refPath: [...at, 'service'],
            ...(m.subset !== undefined ? { subset: m.subset, subsetPath: [...at, 'subset'] } : {}),
          });
        }
      });
    } else if (r.kind === 'TrafficPolicy') {
      out.push({
        resource: r,
        ref: r.spec.service,
        refPath: ['spec', 'service'],
        ...(r.spec.subset !== undefined ? { subset: r.spec.subset, subsetPath: ['spec', 'subset'] } : {}),
      });
    } else if (r.kind === 'Gateway') {
      r.spec.listeners.forEach((l, i) => {
        const b = l.backend;
        if (b === undefined) return;
        const at = ['spec', 'listeners', i, 'backend'];
        out.push({
          resource: r,
          ref: b.service,
          refPath: [...at, 'service'],
          ...(b.subset !== undefined ? { subset: b.subset, subsetPath: [...at, 'subset'] } : {}),
        });
      });
    } else if (r.kind === 'AuthorizationPolicy') {
      if (r.spec.service !== undefined) out.push({ resource: r, ref: r.spec.service, refPath: ['spec', 'service'] });
      (r.spec.rules ?? []).forEach((rule, i) =>
        (rule.from ?? []).forEach((f, j) => {
          if (f.service !== undefined) out.push({ resource: r, ref: f.service, refPath: ['spec', 'rules', i, 'from', j, 'service'] });
        }),
      );
    } else if (r.kind === 'RequestAuthentication') {
      if (r.spec.service !== undefined) out.push({ resource: r, ref: r.spec.service, refPath: ['spec', 'service'] });
    } else if (r.kind === 'TrafficSplit') {
      out.push({ resource: r, ref: r.spec.service, refPath: ['spec', 'service'] });
      r.spec.backends.forEach((b, j) => {
        const at = ['spec', 'backends', j];
        out.push({
          resource: r,
          // A backend without a service is a subset of the split's own service.
          ref: b.service ?? r.spec.service,
          refPath: b.service !== undefined ? [...at, 'service'] : at,
          ...(b.subset !== undefined ? { subset: b.subset, subsetPath: [...at, 'subset'] } : {}),
        });
      });
    }
  }
  return out;
}
