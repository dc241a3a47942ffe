import { DEFAULT_ENDPOINT_SLUG, type EndpointRecord, type EndpointRepository } from './store/endpoint-repository.js';

/**
 * The capture listener's in-memory view of the endpoints, so routing a request never touches the
 * database. Reloaded whenever the API changes an endpoint.
 */
export class EndpointTable {
  private bySlug = new Map<string, EndpointRecord>();

  constructor(private readonly repository: EndpointRepository) {
    this.reload();
  }

  reload(): void {
    this.bySlug = new Map(this.repository.list().map((e) => [e.slug, e]));
  }

  /** The first path segment selects an endpoint; every other path belongs to `default`. */
  endpointFor(path: string): EndpointRecord {
    const firstSegment = path.split('/', 2)[1] ?? '';
    return this.bySlug.get(firstSegment) ?? this.bySlug.get(DEFAULT_ENDPOINT_SLUG)!;
  }
}
