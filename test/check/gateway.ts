/** Builders for the gateway rule tests. */
import { res } from './yaml.js';

/** A Gateway whose listeners (YAML list items, indented 4) start on line 6. */
export const gateway = (listeners: string, name = 'public'): string => res('Gateway', name, `  listeners:\n${listeners}`);

/** A gateway HTTPRoute: line 5 `gateway:`, line 6 `hosts:` (when given), then `rules:`. */
export const gwRoute = (gw: string, hosts: string | undefined, rules: string, name = 'r'): string =>
  res('HTTPRoute', name, `  gateway: ${gw}\n${hosts !== undefined ? `  hosts: ${hosts}\n` : ''}  rules:\n${rules}`);

/** A standard gateway: https on 8443 for shop.example.com and *.shop.example.com, http redirect on 8080. */
export const PUBLIC = gateway(
  [
    '    - { name: https, port: 8443, protocol: https, hosts: [shop.example.com, "*.shop.example.com"], tls: { sds: { secret: c } } }',
    '    - { name: http, port: 8080, protocol: http, hosts: [shop.example.com], redirectToHttps: true }',
    '',
  ].join('\n'),
);
