import type { CheckContext } from '../CheckContext.js';

/** Workload certificates come from exactly one source: an SDS agent or files. */
export function CertificatesRule(ctx: CheckContext): void {
  for (const m of ctx.ofKind('Mesh')) {
    const c = m.spec.certificates;
    if (c === undefined) continue;
    if ((c.sds === undefined) === (c.files === undefined)) {
      ctx.report('CertificatesXor', ctx.span(m, ['spec', 'certificates'], 'key'));
    }
  }
}
