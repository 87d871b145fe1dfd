import type { NodePath } from '../../parse/index.js';
import { re2Error } from '../../util/re2.js';
import type { CheckContext } from '../CheckContext.js';

/** Every regular expression a user writes compiles in RE2, the engine Envoy runs them with. */
export function ValidRegexRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      (rule.match ?? []).forEach((m, j) => {
        const at: NodePath = ['spec', 'rules', i, 'match', j];
        const check = (pattern: string | undefined, path: NodePath): void => {
          if (pattern === undefined) return;
          const error = re2Error(pattern);
          if (error !== undefined) ctx.report('InvalidRegex', ctx.span(r, path), { detail: error });
        };
        check(m.path?.regex, [...at, 'path', 'regex']);
        for (const [name, sm] of Object.entries(m.headers ?? {})) check(sm.regex, [...at, 'headers', name, 'regex']);
        for (const [name, sm] of Object.entries(m.query ?? {})) check(sm.regex, [...at, 'query', name, 'regex']);
      });
    });
  }
}
