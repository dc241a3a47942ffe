// Runs a search plan (core/search/search-plan.ts) newest first with keyset paging, and counts
// matches up to MATCH_COUNT_CAP. One of three things drives the scan, whichever is narrowest by a
// capped count: the FTS index (rowids come out newest first), one facet token's index range, or
// the deliveries themselves. Everything else is a probe per row by id, so a page costs about
// `limit` probes whatever the store's size.
import { MATCH_COUNT_CAP } from '../../contract/index.js';
import type { Condition, SearchPlan } from '../search/search-plan.js';
import { matchExpression } from '../search/search-plan.js';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

type Param = string | number;

export interface SearchArgs {
  plan: SearchPlan;
  /** The list's endpoint (the `endpoint` argument), by id. */
  endpointId?: number;
  before?: number;
  limit: number;
  /** Only these deliveries (the renderer asking whether new arrivals match). */
  ids?: readonly number[];
}

export interface SearchPage {
  ids: number[];
  /** Matches (up to the cap), counted only when asked. */
  count?: { value: number; capped: boolean };
}

/**
 * The driver is picked by how many matches each candidate has among the newest WINDOW deliveries:
 * the sparser one walks fewer rows to fill a page (and a count), the others are probed per row.
 * Counting in a window costs the same at any store size.
 */
const WINDOW = 20_000;
/** A prefix facet (event:invoice.*) expands to at most this many distinct tokens. */
const MAX_PREFIX_TOKENS = 200;

interface Query {
  from: string;
  idColumn: string;
  where: string[];
  params: Param[];
}

export class SearchRepository {
  private readonly firstToken;
  private readonly nextToken;
  private readonly endpointIdOf;
  private readonly newest;
  private readonly cache = new Map<string, Statement<Param[], unknown>>();

  constructor(private readonly db: SqliteDatabase) {
    this.firstToken = db.prepare<[string, string], { token: string | null }>(
      'SELECT min(token) AS token FROM delivery_facets WHERE token >= ? AND token < ?',
    );
    this.nextToken = db.prepare<[string, string], { token: string | null }>(
      'SELECT min(token) AS token FROM delivery_facets WHERE token > ? AND token < ?',
    );
    this.newest = db.prepare<[], { id: number }>('SELECT max(id) AS id FROM deliveries');
    this.endpointIdOf = db.prepare<[string], { id: number }>('SELECT id FROM endpoints WHERE slug = ?');
  }

  private statement(sql: string): Statement<Param[], unknown> {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare<Param[], unknown>(sql);
      // Query shapes are few (one per combination of term kinds) but bounded anyway.
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /** The distinct facet tokens starting with `prefix`, walked one index seek at a time. */
  private expand(prefix: string): string[] {
    const tokens: string[] = [];
    const end = `${prefix}\u{10FFFF}`;
    let token = this.firstToken.get(prefix, end)?.token;
    while (token && token.startsWith(prefix) && tokens.length < MAX_PREFIX_TOKENS) {
      tokens.push(token);
      token = this.nextToken.get(token, end)?.token;
    }
    return tokens;
  }

  private estimate(sql: string, params: Param[]): number {
    return (this.statement(`SELECT count(*) AS n FROM (${sql})`).get(...params, this.windowStart()) as { n: number }).n;
  }

  private windowStart(): number {
    return (this.newest.get()?.id ?? 0) - WINDOW;
  }

  private build(args: SearchArgs): Query | null {
    const { plan } = args;
    const where: string[] = [];
    const params: Param[] = [];
    const add = (c: Condition) => {
      where.push(c.sql);
      params.push(...c.params);
    };

    const include = [...plan.include];
    const exclude = [...plan.exclude];
    for (const e of plan.endpoints) {
      const id = this.endpointIdOf.get(e.slug)?.id;
      if (id === undefined) {
        if (!e.negated) return null; // no such endpoint: nothing can match
        continue;
      }
      (e.negated ? exclude : include).push(`f : "ep_${id}"`);
    }
    if (args.endpointId !== undefined) add({ sql: 'd.endpoint_id = ?', params: [args.endpointId] });
    if (args.ids !== undefined) add({ sql: `d.id IN (${args.ids.map(() => '?').join(',')})`, params: [...args.ids] });

    // Facets: exact tokens probe by (token, id); a prefix becomes the tokens it names.
    const exact: string[] = [];
    for (const facet of plan.facets) {
      const tokens = facet.prefix ? this.expand(facet.token) : [facet.token];
      if (tokens.length === 0) {
        if (!facet.negated) return null;
        continue;
      }
      if (!facet.negated && !facet.prefix) exact.push(facet.token);
      const list = tokens.map(() => '?').join(',');
      add({
        sql: `${facet.negated ? 'NOT ' : ''}EXISTS (SELECT 1 FROM delivery_facets x WHERE x.token IN (${list}) AND x.delivery_id = d.id)`,
        params: tokens,
      });
    }
    for (const c of plan.conditions) add(c);

    const match = matchExpression(include, exclude);
    if (match === null && exclude.length > 0) {
      add({
        sql: 'NOT EXISTS (SELECT 1 FROM delivery_search n WHERE n.delivery_search MATCH ? AND n.rowid = d.id)',
        params: [exclude.map((e) => `(${e})`).join(' OR ')],
      });
    }

    // The driver: the narrowest of the FTS match and each exact facet, by a capped count.
    type Driver = { from: string; idColumn: string; where: string; params: Param[]; size: () => number };
    const drivers: Driver[] = [];
    if (args.ids === undefined) {
      if (match !== null) {
        drivers.push({
          from: 'delivery_search s CROSS JOIN deliveries d ON d.id = s.rowid',
          idColumn: 's.rowid',
          where: 's.delivery_search MATCH ?',
          params: [match],
          size: () => this.estimate('SELECT rowid FROM delivery_search WHERE delivery_search MATCH ? AND rowid > ?', [match]),
        });
      }
      for (const token of exact) {
        drivers.push({
          from: 'delivery_facets y CROSS JOIN deliveries d ON d.id = y.delivery_id',
          idColumn: 'y.delivery_id',
          where: 'y.token = ?',
          params: [token],
          size: () => this.estimate('SELECT 1 FROM delivery_facets WHERE token = ? AND delivery_id > ?', [token]),
        });
      }
    }
    // Only worth estimating when there is a choice.
    const sizes = new Map(drivers.map((d) => [d, drivers.length > 1 ? d.size() : 0]));
    const driver = [...drivers].sort((a, b) => sizes.get(a)! - sizes.get(b)!)[0];
    if (!driver) {
      if (match !== null) {
        add({ sql: 'EXISTS (SELECT 1 FROM delivery_search m WHERE m.delivery_search MATCH ? AND m.rowid = d.id)', params: [match] });
      }
      return { from: 'deliveries d', idColumn: 'd.id', where, params };
    }
    // The FTS match, when it does not drive, is probed per row like a facet.
    if (match !== null && driver.idColumn !== 's.rowid') {
      where.push('EXISTS (SELECT 1 FROM delivery_search m WHERE m.delivery_search MATCH ? AND m.rowid = d.id)');
      params.push(match);
    }
    return { from: driver.from, idColumn: driver.idColumn, where: [driver.where, ...where], params: [...driver.params, ...params] };
  }

  search(args: SearchArgs, options: { count: boolean }): SearchPage {
    const query = this.build(args);
    if (query === null) return { ids: [], count: options.count ? { value: 0, capped: false } : undefined };
    const { from, idColumn, where, params } = query;
    const clause = (extra: string[]) => {
      const all = [...where, ...extra];
      return all.length === 0 ? '' : `WHERE ${all.join(' AND ')}`;
    };
    const before = args.before ?? Number.MAX_SAFE_INTEGER;
    const page = this.statement(`SELECT ${idColumn} AS id FROM ${from} ${clause([`${idColumn} < ?`])} ORDER BY ${idColumn} DESC LIMIT ?`)
      .all(...params, before, args.limit) as { id: number }[];
    const result: SearchPage = { ids: page.map((r) => r.id) };
    if (options.count) {
      const n = (this.statement(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${clause([])} LIMIT ${MATCH_COUNT_CAP + 1})`).get(...params) as { n: number }).n;
      result.count = { value: Math.min(n, MATCH_COUNT_CAP), capped: n > MATCH_COUNT_CAP };
    }
    return result;
  }
}
