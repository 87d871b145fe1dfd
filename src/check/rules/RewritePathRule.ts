import { checkEnvoyRegex } from '../../regex/re2.js';
import type { CheckContext } from '../CheckContext.js';

/** A path rewrite says exactly one thing (a new prefix, or a regex substitution), and its regex compiles in RE2. */
export function RewritePathRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      const p = rule.rewrite?.path;
      if (p === undefined) return;
      const at = ['spec', 'rules', i, 'rewrite', 'path'];
      if ((p.prefix !== undefined) === (p.regex !== undefined)) {
        ctx.report('RewritePathXor', ctx.span(r, at, 'key'));
        return;
      }
      if (p.regex === undefined) return;
      const problem = checkEnvoyRegex(p.regex);
      if (problem === undefined) return;
      ctx.report('InvalidRewriteRegex', ctx.span(r, [...at, 'regex']), {
        detail: problem.kind === 'invalid' ? problem.detail : `its RE2 program size is ${problem.size}, over Envoy's limit of ${problem.limit}`,
      });
    });
  }
}
