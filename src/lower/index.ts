export { lower } from './lower.js';
export { staticBootstrap, xdsBootstrap, discoveryResponse, withRds, inlineRouteConfigs, XDS_TYPES } from './bootstrap.js';
export type { XdsPaths, XdsSource } from './bootstrap.js';
export { byName } from './proxy.js';
export type { ProxyConfig, SharedPart } from './proxy.js';
export type { Json } from './envoy.js';
export { HTTP_FILTERS } from './httpFilters.js';
export type { HttpFilterPlugin, HttpFilterContext } from './httpFilters.js';
export { isOutboundListener } from './names.js';
