export { check, RULES } from './check.js';
export type { Rule } from './check.js';
export { CheckContext, serviceKey } from './CheckContext.js';
export type { ServiceKey } from './CheckContext.js';
export { declaredUpstreams, sidecarServices, isHttp } from './topology.js';
export { splitEdges } from './splits.js';
export { selects } from './labels.js';
export { attachments, effectiveHosts, gatewayOf, hostCovers, routesHttp } from './gateways.js';
export type { Attachment } from './gateways.js';
