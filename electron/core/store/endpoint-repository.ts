import type { Endpoint, ResponseRule } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

export const DEFAULT_ENDPOINT_SLUG = 'default';

export interface EndpointRecord extends Endpoint {
  id: number;
}

interface EndpointRow {
  id: number;
  slug: string;
  name: string;
  built_in: number;
  response: string;
  created_at: number;
}

function toRecord(row: EndpointRow): EndpointRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    builtIn: row.built_in === 1,
    response: JSON.parse(row.response) as ResponseRule,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function toEndpoint({ id: _id, ...endpoint }: EndpointRecord): Endpoint {
  return endpoint;
}

export class EndpointRepository {
  private readonly selectAll;
  private readonly selectBySlug;
  private readonly insert;
  private readonly updateRow;
  private readonly deleteBySlug;

  constructor(db: SqliteDatabase) {
    this.selectAll = db.prepare<[], EndpointRow>('SELECT * FROM endpoints ORDER BY built_in DESC, slug');
    this.selectBySlug = db.prepare<[string], EndpointRow>('SELECT * FROM endpoints WHERE slug = ?');
    this.insert = db.prepare<[string, string, number, string, number]>(
      'INSERT INTO endpoints (slug, name, built_in, response, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateRow = db.prepare<[string, string, string]>('UPDATE endpoints SET name = ?, response = ? WHERE slug = ?');
    this.deleteBySlug = db.prepare<[string]>('DELETE FROM endpoints WHERE slug = ? AND built_in = 0');
  }

  list(): EndpointRecord[] {
    return this.selectAll.all().map(toRecord);
  }

  find(slug: string): EndpointRecord | undefined {
    const row = this.selectBySlug.get(slug);
    return row ? toRecord(row) : undefined;
  }

  create(slug: string, name: string, response: ResponseRule, now: number, builtIn = false): EndpointRecord {
    this.insert.run(slug, name, builtIn ? 1 : 0, JSON.stringify(response), now);
    return this.find(slug)!;
  }

  update(slug: string, name: string, response: ResponseRule): EndpointRecord | undefined {
    this.updateRow.run(name, JSON.stringify(response), slug);
    return this.find(slug);
  }

  /** Deletes the endpoint and, by cascade, its deliveries. The built-in endpoint is never deleted. */
  delete(slug: string): number {
    return this.deleteBySlug.run(slug).changes;
  }
}
