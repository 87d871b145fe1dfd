export { lower } from './lower.js';
export { staticBootstrap, xdsBootstrap, discoveryResponse, XDS_TYPES } from './bootstrap.js';
export type { XdsPaths } from './bootstrap.js';
export type { ProxyConfig } from './proxy.js';
export type { Json } from './envoy.js';
export { HTTP_FILTERS } from './httpFilters.js';
export type { HttpFilterPlugin, HttpFilterContext } from './httpFilters.js';
