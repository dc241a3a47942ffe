// HTTP bindings of the contract's methods: the control server derives its routes from this table
// and the renderer's HTTP transport its URLs. Kept apart from the schemas so the renderer bundle
// does not carry zod.
import type { MethodName } from './methods.js';

export type HttpVerb = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** Path parameters (`:name`) are merged into the arguments with the query and the JSON body. */
export const httpBindings: { [M in MethodName]: { verb: HttpVerb; path: string } } = {
  'endpoints.list': { verb: 'GET', path: '/api/endpoints' },
  'endpoints.create': { verb: 'POST', path: '/api/endpoints' },
  'endpoints.update': { verb: 'PATCH', path: '/api/endpoints/:slug' },
  'endpoints.delete': { verb: 'DELETE', path: '/api/endpoints/:slug' },
  'endpoints.verify': { verb: 'POST', path: '/api/endpoints/:slug/verify' },
  'deliveries.list': { verb: 'GET', path: '/api/deliveries' },
  'deliveries.get': { verb: 'GET', path: '/api/deliveries/:id' },
  'deliveries.delete': { verb: 'DELETE', path: '/api/deliveries/:id' },
  'deliveries.verify': { verb: 'POST', path: '/api/deliveries/:id/verify' },
  'deliveries.clear': { verb: 'DELETE', path: '/api/deliveries' },
  'settings.get': { verb: 'GET', path: '/api/settings' },
  'settings.update': { verb: 'PATCH', path: '/api/settings' },
  'tunnel.status': { verb: 'GET', path: '/api/tunnel' },
  'tunnel.start': { verb: 'POST', path: '/api/tunnel' },
  'tunnel.stop': { verb: 'DELETE', path: '/api/tunnel' },
  'system.info': { verb: 'GET', path: '/api/info' },
};

