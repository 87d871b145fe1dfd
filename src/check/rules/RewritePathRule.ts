import { checkEnvoyRegex } from '../../regex/re2.js';
import type { CheckContext } from '../CheckContext.js';

/**
 * A path rewrite says exactly one thing (a new prefix, or a regex substitution),
 * its regex compiles in RE2, and a prefix rewrite under a regex match (which
 * replaces the whole path) is pointed out.
 */
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
      if (p.regex === undefined) {
        // Envoy swaps "the matched prefix" for the new one; a regex matches the whole path, so all of it goes.
        const regexMatch = (rule.match ?? []).findIndex((m) => m.path?.regex !== undefined);
        if (regexMatch >= 0) {
          ctx.report('PrefixRewriteWithRegexMatch', ctx.span(r, [...at, 'prefix']), {}, [
            { span: ctx.span(r, ['spec', 'rules', i, 'match', regexMatch, 'path', 'regex']), note: 'MatchedHere' },
          ]);
        }
        return;
      }
      const problem = checkEnvoyRegex(p.regex);
      if (problem === undefined) return;
      ctx.report('InvalidRewriteRegex', ctx.span(r, [...at, 'regex']), {
        detail: problem.kind === 'invalid' ? problem.detail : `its RE2 program size is ${problem.size}, over Envoy's limit of ${problem.limit}`,
      });
    });
  }
}
