// HTTP bindings of the contract's methods: the control server derives its routes from this table
// and the renderer's HTTP transport its URLs. Kept apart from the schemas so the renderer bundle
// does not carry zod.
import type { MethodName } from './methods.js';

export type HttpVerb = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export interface HttpBinding {
  verb: HttpVerb;
  path: string;
  /** Largest JSON request body accepted, when more than the default 2 MiB (imports, replay bodies). */
  maxBodyBytes?: number;
}

/** Path parameters (`:name`) are merged into the arguments with the query and the JSON body. */
export const httpBindings: { [M in MethodName]: HttpBinding } = {
  'endpoints.list': { verb: 'GET', path: '/api/endpoints' },
  'endpoints.create': { verb: 'POST', path: '/api/endpoints' },
  'endpoints.update': { verb: 'PATCH', path: '/api/endpoints/:slug' },
  'endpoints.delete': { verb: 'DELETE', path: '/api/endpoints/:slug' },
  'endpoints.verify': { verb: 'POST', path: '/api/endpoints/:slug/verify' },
  'endpoints.stats': { verb: 'GET', path: '/api/endpoints/:slug/stats' },
  'endpoints.traffic': { verb: 'GET', path: '/api/endpoints/:slug/traffic' },
  'documents.list': { verb: 'GET', path: '/api/deliveries/:id/documents' },
  'documents.content': { verb: 'GET', path: '/api/documents/:id/content' },
  'documents.refetch': { verb: 'POST', path: '/api/documents/:id/refetch' },
  'deliveries.list': { verb: 'GET', path: '/api/deliveries' },
  'deliveries.matches': { verb: 'POST', path: '/api/deliveries/matches' },
  'deliveries.prune': { verb: 'POST', path: '/api/deliveries/prune' },
  'store.stats': { verb: 'GET', path: '/api/store' },
  'deliveries.get': { verb: 'GET', path: '/api/deliveries/:id' },
  'deliveries.decoded': { verb: 'GET', path: '/api/deliveries/:id/decoded' },
  'deliveries.delete': { verb: 'DELETE', path: '/api/deliveries/:id' },
  'deliveries.verify': { verb: 'POST', path: '/api/deliveries/:id/verify' },
  'deliveries.confirm': { verb: 'POST', path: '/api/deliveries/:id/confirm-subscription' },
  'deliveries.clear': { verb: 'DELETE', path: '/api/deliveries' },
  'deliveries.export': { verb: 'POST', path: '/api/deliveries/export' },
  'deliveries.snippet': { verb: 'GET', path: '/api/deliveries/:id/snippet' },
  'deliveries.import': { verb: 'POST', path: '/api/deliveries/import', maxBodyBytes: 16 * 1024 * 1024 },
  'fixtures.export': { verb: 'POST', path: '/api/fixtures', maxBodyBytes: 12 * 1024 * 1024 },
  'replay.send': { verb: 'POST', path: '/api/deliveries/:id/replay', maxBodyBytes: 300 * 1024 * 1024 },
  'replay.list': { verb: 'GET', path: '/api/deliveries/:id/replays' },
  'replay.get': { verb: 'GET', path: '/api/replays/:id' },
  'replay.cancel': { verb: 'POST', path: '/api/replays/cancel' },
  'bulk.start': { verb: 'POST', path: '/api/bulk' },
  'bulk.status': { verb: 'GET', path: '/api/bulk/:id' },
  'bulk.cancel': { verb: 'DELETE', path: '/api/bulk/:id' },
  'trigger.templates': { verb: 'GET', path: '/api/trigger/templates' },
  'trigger.preview': { verb: 'GET', path: '/api/trigger/templates/:template' },
  'trigger.send': { verb: 'POST', path: '/api/endpoints/:slug/trigger', maxBodyBytes: 12 * 1024 * 1024 },
  'trigger.runs': { verb: 'GET', path: '/api/endpoints/:slug/trigger-runs' },
  'settings.get': { verb: 'GET', path: '/api/settings' },
  'settings.update': { verb: 'PATCH', path: '/api/settings' },
  'tunnel.status': { verb: 'GET', path: '/api/tunnel' },
  'tunnel.start': { verb: 'POST', path: '/api/tunnel' },
  'tunnel.stop': { verb: 'DELETE', path: '/api/tunnel' },
  'system.info': { verb: 'GET', path: '/api/info' },
  'team.status': { verb: 'GET', path: '/api/team' },
};


/**
 * The streaming import: the request body IS the file (HAR or Hookscope JSON, any Content-Type),
 * read as it arrives; `endpoint` and optional `importId` go in the query. Answers ImportResult.
 * Not a contract method: a stream is not a JSON argument, and IPC has no streams.
 */
export const importUploadRoute = { verb: 'POST', path: '/api/deliveries/import/upload', maxBodyBytes: 4 * 1024 * 1024 * 1024 } as const;
