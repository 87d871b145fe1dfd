import { didYouMean } from '../../diagnostics/index.js';
import type { CheckContext } from '../CheckContext.js';

/** A per-namespace mTLS override names a namespace that has services, and any override weaker than strict is said out loud. */
export function MtlsNamespaceRule(ctx: CheckContext): void {
  const m = ctx.mesh;
  const overrides = m?.spec.mtls?.namespaces;
  if (!m || !overrides) return;
  const namespaces = [...new Set([...ctx.services.values()].filter((s) => s.spec.external !== true).map((s) => s.namespace))].sort();
  for (const [namespace, mode] of Object.entries(overrides)) {
    if (!namespaces.includes(namespace)) {
      ctx.report('UnknownMtlsNamespace', ctx.span(m, ['spec', 'mtls', 'namespaces', namespace], 'key'), {
        namespace,
        hint: didYouMean(namespace, namespaces) || (namespaces.length > 0 ? `the namespaces with sidecars are ${namespaces.join(', ')}` : ''),
      });
    }
    const at = ctx.span(m, ['spec', 'mtls', 'namespaces', namespace]);
    if (mode === 'permissive') ctx.report('PermissiveMtlsNamespace', at, { namespace });
    if (mode === 'disabled') ctx.report('DisabledMtlsNamespace', at, { namespace });
  }
}
