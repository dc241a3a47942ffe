// Runs a search plan (core/search/search-plan.ts) newest first with keyset paging, and counts
// matches up to MATCH_COUNT_CAP. One of three things drives the scan, whichever is narrowest by a
// capped count: the FTS index (rowids come out newest first), one facet token's index range, or
// the deliveries themselves. Everything else is a probe per row by id, so a page costs about
// `limit` probes whatever the store's size.
import { MATCH_COUNT_CAP } from '../../contract/index.js';
import type { Condition, SearchPlan } from './search-plan.js';
import { matchExpression } from './search-plan.js';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../store/database.js';

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
  /** Where the next page starts; set on a short page too when the scan budget ran out first. */
  nextBefore: number | null;
  /** Matches (up to the cap), counted only when asked. */
  count?: { value: number; capped: boolean };
}

/** Below this many rows a facet drives even when the FTS index is also asked (its probes are the costly ones). */
const RARE_FACET = 200;
/** Facets are compared by how far back their newest REACH_SAMPLE rows reach. */
const REACH_SAMPLE = 500;
/** A prefix facet (event:invoice.*) expands to at most this many distinct tokens. */
const MAX_PREFIX_TOKENS = 200;

/** The driver yields candidate ids newest first; `where` (probes per row on d) decides. */
interface Query {
  from: string;
  idColumn: string;
  driverWhere: string[];
  driverParams: Param[];
  where: string[];
  params: Param[];
}

/**
 * Candidates one request examines at most when probes decide (a rare combination of common
 * terms): the page comes back short with `nextBefore` to continue from, and the count becomes a
 * lower bound ("N+"). Keeps every request within tens of milliseconds at any store size.
 */
const SCAN_BUDGET = 5_000;

export class SearchRepository {
  private readonly firstToken;
  private readonly nextToken;
  private readonly endpointIdOf;
  private readonly newest;
  private readonly rareFacet;
  private readonly facetNth;
  private readonly cache = new Map<string, Statement<Param[], unknown>>();

  constructor(private readonly db: SqliteDatabase) {
    this.firstToken = db.prepare<[string, string], { token: string | null }>(
      'SELECT min(token) AS token FROM delivery_facets WHERE token >= ? AND token < ?',
    );
    this.nextToken = db.prepare<[string, string], { token: string | null }>(
      'SELECT min(token) AS token FROM delivery_facets WHERE token > ? AND token < ?',
    );
    this.newest = db.prepare<[], { id: number }>('SELECT max(id) AS id FROM deliveries');
    this.rareFacet = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM delivery_facets WHERE token = ? LIMIT ${RARE_FACET})`);
    this.facetNth = db.prepare<[string, number], { id: number }>(
      'SELECT delivery_id AS id FROM delivery_facets WHERE token = ? ORDER BY delivery_id DESC LIMIT 1 OFFSET ?',
    );
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
    const facetProbes: { token: string | null; condition: Condition }[] = [];
    for (const facet of plan.facets) {
      const tokens = facet.prefix ? this.expand(facet.token) : [facet.token];
      if (tokens.length === 0) {
        if (!facet.negated) return null;
        continue;
      }
      const list = tokens.map(() => '?').join(',');
      facetProbes.push({
        token: !facet.negated && !facet.prefix ? facet.token : null,
        condition: { sql: `${facet.negated ? 'NOT ' : ''}EXISTS (SELECT 1 FROM delivery_facets x WHERE x.token IN (${list}) AND x.delivery_id = d.id)`, params: tokens },
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

    const withFacets = (skip: string | null) => {
      for (const probe of facetProbes) if (probe.token === null || probe.token !== skip) add(probe.condition);
    };
    const exact = facetProbes.flatMap((p) => (p.token === null ? [] : [p.token]));
    const facetDriver = (token: string) => ({ from: 'delivery_facets y', idColumn: 'y.delivery_id', driverWhere: ['y.token = ?'], driverParams: [token] });

    if (args.ids !== undefined) {
      // A handful of known ids: probe them all.
      withFacets(null);
      if (match !== null) add({ sql: 'EXISTS (SELECT 1 FROM delivery_search m WHERE m.delivery_search MATCH ? AND m.rowid = d.id)', params: [match] });
      return { from: 'deliveries d0', idColumn: 'd0.id', driverWhere: [], driverParams: [], where, params };
    }
    if (match !== null) {
      // The index drives: walking its rowids newest first is cheap, probing it by rowid is not
      // (~0.1 ms per probe, measured at 1M). Only a rare facet (a few hundred rows) drives instead.
      const rare = exact.find((token) => this.rareFacet.get(token)!.n < RARE_FACET);
      if (rare !== undefined) {
        withFacets(rare);
        add({ sql: 'EXISTS (SELECT 1 FROM delivery_search m WHERE m.delivery_search MATCH ? AND m.rowid = d.id)', params: [match] });
        return { ...facetDriver(rare), where, params };
      }
      withFacets(null);
      return { from: 'delivery_search s', idColumn: 's.rowid', driverWhere: ['s.delivery_search MATCH ?'], driverParams: [match], where, params };
    }
    if (exact.length > 0) {
      // Facets only: the sparsest drives, judged by how far back its newest matches reach.
      const sparsest = exact.length === 1 ? exact[0]! : [...exact].sort((a, b) => this.reach(b) - this.reach(a))[0]!;
      withFacets(sparsest);
      return { ...facetDriver(sparsest), where, params };
    }
    withFacets(null);
    // No index narrows: walk the deliveries (of the endpoint, by its index) newest first.
    const byEndpoint = args.endpointId !== undefined;
    return {
      from: 'deliveries d0',
      idColumn: 'd0.id',
      driverWhere: byEndpoint ? ['d0.endpoint_id = ?'] : [],
      driverParams: byEndpoint ? [args.endpointId!] : [],
      where,
      params,
    };
  }

  /** How many ids back the newest REACH_SAMPLE rows of a facet span (all ids when it has fewer): larger is sparser. */
  private reach(token: string): number {
    const newest = this.newest.get()?.id ?? 0;
    const oldest = this.facetNth.get(token, REACH_SAMPLE - 1)?.id;
    return oldest === undefined ? Number.MAX_SAFE_INTEGER - this.rareFacet.get(token)!.n : newest - oldest;
  }

  search(args: SearchArgs, options: { count: boolean }): SearchPage {
    const query = this.build(args);
    if (query === null) return { ids: [], nextBefore: null, count: options.count ? { value: 0, capped: false } : undefined };
    const { from, idColumn, driverWhere, driverParams, where, params } = query;
    const candidates = (extra: string[], limit: number) => {
      const all = [...driverWhere, ...extra];
      return `SELECT ${idColumn} AS id FROM ${from}${all.length > 0 ? ` WHERE ${all.join(' AND ')}` : ''} ORDER BY ${idColumn} DESC LIMIT ${limit}`;
    };
    const before = args.before ?? Number.MAX_SAFE_INTEGER;
    const cap = MATCH_COUNT_CAP;

    if (where.length === 0) {
      // The driver alone decides: its first rows are the page, its capped length the count.
      const ids = (this.statement(`${candidates([`${idColumn} < ?`], args.limit)}`).all(...driverParams, before) as { id: number }[]).map((r) => r.id);
      const result: SearchPage = { ids, nextBefore: ids.length === args.limit ? ids[ids.length - 1]! : null };
      if (options.count) {
        const n = (this.statement(`SELECT count(*) AS n FROM (${candidates([], cap + 1)})`).get(...driverParams) as { n: number }).n;
        result.count = { value: Math.min(n, cap), capped: n > cap };
      }
      return result;
    }

    const conditions = where.join(' AND ');
    const page = this.statement(
      `SELECT d.id AS id FROM (${candidates([`${idColumn} < ?`], SCAN_BUDGET)}) x CROSS JOIN deliveries d ON d.id = x.id WHERE ${conditions} ORDER BY x.id DESC LIMIT ?`,
    ).all(...driverParams, before, ...params, args.limit) as { id: number }[];
    const ids = page.map((r) => r.id);
    let nextBefore: number | null = ids.length === args.limit ? ids[ids.length - 1]! : null;
    if (nextBefore === null) {
      // A short page: either nothing more matches, or the budget ran out first and the caller continues below it.
      const scanned = this.statement(`SELECT count(*) AS n, min(id) AS low FROM (${candidates([`${idColumn} < ?`], SCAN_BUDGET)})`).get(...driverParams, before) as { n: number; low: number | null };
      if (scanned.n === SCAN_BUDGET) nextBefore = scanned.low;
    }
    const result: SearchPage = { ids, nextBefore };
    if (options.count) {
      const counted = this.statement(
        `SELECT count(*) AS scanned, coalesce(sum(d.id IS NOT NULL AND ${conditions}), 0) AS matched FROM (${candidates([], SCAN_BUDGET)}) x LEFT JOIN deliveries d ON d.id = x.id`,
      ).get(...params, ...driverParams) as { scanned: number; matched: number };
      result.count = { value: Math.min(counted.matched, cap), capped: counted.matched > cap || counted.scanned === SCAN_BUDGET };
    }
    return result;
  }
}
