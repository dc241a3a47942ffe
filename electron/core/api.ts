// Implements the contract over the store and the capture listener's endpoint table.
// Every host calls these after the arguments have passed their schema (contract/methods.ts).
import { ApiError, type Api, type Endpoint, type SystemInfo } from '../contract/index.js';
import { completeResponseRule, defaultResponseRule } from './capture/response-rule.js';
import type { CoreEvents } from './events.js';
import type { DeliveryRepository } from './store/delivery-repository.js';
import { DEFAULT_ENDPOINT_SLUG, toEndpoint, type EndpointRepository } from './store/endpoint-repository.js';
import type { SettingsRepository } from './store/settings-repository.js';
import type { EndpointTable } from './endpoint-table.js';

export interface ApiDeps {
  endpoints: EndpointRepository;
  deliveries: DeliveryRepository;
  settings: SettingsRepository;
  table: EndpointTable;
  events: CoreEvents;
  info: () => SystemInfo;
  prune: () => void;
  now: () => number;
}

export function createApi(deps: ApiDeps) {
  const { endpoints, deliveries, settings, table, events, now } = deps;

  const existing = (slug: string) => {
    const record = endpoints.find(slug);
    if (!record) throw new ApiError('not_found', `no endpoint "${slug}"`);
    return record;
  };
  const saved = (slug: string): Endpoint => {
    table.reload();
    const endpoint = toEndpoint(existing(slug));
    events.emit('endpoint.saved', endpoint);
    return endpoint;
  };

  return {
    'endpoints.list': () => ({ endpoints: endpoints.list().map(toEndpoint) }),

    'endpoints.create': ({ slug, name, response }) => {
      if (endpoints.find(slug)) throw new ApiError('conflict', `an endpoint "${slug}" already exists`);
      endpoints.create(slug, name ?? slug, completeResponseRule(response, defaultResponseRule), now());
      return saved(slug);
    },

    'endpoints.update': ({ slug, name, response }) => {
      const current = existing(slug);
      endpoints.update(slug, name ?? current.name, completeResponseRule(response, current.response));
      return saved(slug);
    },

    'endpoints.delete': ({ slug }) => {
      if (existing(slug).builtIn) throw new ApiError('invalid_argument', `the built-in "${DEFAULT_ENDPOINT_SLUG}" endpoint cannot be deleted`);
      const deleted = endpoints.delete(slug);
      table.reload();
      events.emit('endpoint.deleted', { slug });
      return { deleted };
    },

    'deliveries.list': ({ endpoint, limit, before }) => {
      if (endpoint !== undefined) existing(endpoint);
      const page = deliveries.list({ endpoint, before, limit });
      return { deliveries: page, nextBefore: page.length === limit ? page[page.length - 1]!.id : null };
    },

    'deliveries.get': ({ id }) => {
      const delivery = deliveries.get(id);
      if (!delivery) throw new ApiError('not_found', `no delivery ${id}`);
      return delivery;
    },

    'deliveries.delete': ({ id }) => {
      const deleted = deliveries.delete(id);
      if (deleted === 0) throw new ApiError('not_found', `no delivery ${id}`);
      events.emit('delivery.deleted', { id });
      return { deleted };
    },

    'deliveries.clear': ({ endpoint }) => {
      if (endpoint !== undefined) existing(endpoint);
      const deleted = deliveries.clear(endpoint);
      events.emit('deliveries.cleared', { endpoint: endpoint ?? null });
      return { deleted };
    },

    'settings.get': () => settings.get(),

    'settings.update': ({ retention }) => {
      const current = settings.get();
      const next = settings.save({ retention: { ...current.retention, ...retention } });
      deps.prune();
      return next;
    },

    'system.info': () => deps.info(),
  } satisfies Api;
}
