import type { NodePath } from '../../parse/index.js';
import { checkEnvoyRegex } from '../../regex/re2.js';
import type { CheckContext } from '../CheckContext.js';

/**
 * Every regular expression a user writes compiles in RE2, the engine Envoy runs
 * them with, and stays within Envoy's default program-size limit.
 */
export function ValidRegexRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      (rule.match ?? []).forEach((m, j) => {
        const at: NodePath = ['spec', 'rules', i, 'match', j];
        const check = (pattern: string | undefined, path: NodePath): void => {
          if (pattern === undefined) return;
          const problem = checkEnvoyRegex(pattern);
          if (problem === undefined) return;
          ctx.report('InvalidRegex', ctx.span(r, path), {
            detail:
              problem.kind === 'invalid'
                ? problem.detail
                : `its RE2 program size is ${problem.size}, over Envoy's limit of ${problem.limit}`,
          });
        };
        check(m.path?.regex, [...at, 'path', 'regex']);
        for (const [name, sm] of Object.entries(m.headers ?? {})) check(sm.regex, [...at, 'headers', name, 'regex']);
        for (const [name, sm] of Object.entries(m.query ?? {})) check(sm.regex, [...at, 'query', name, 'regex']);
      });
    });
  }
}
