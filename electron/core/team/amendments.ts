// Amendments: what changes on a delivery after its commit — the answer the sender finally got (a
// relayed forward response) and how long it waited (the deadline report reads it). The capturing
// node's log (team_amends, filled by a trigger) is pushed as an UPDATE of the shared row with a new
// amend_seq; other nodes page on amend_seq and update their copy, then announce it
// (delivery.updated, through the announcer).
import type pg from 'pg';
import type { Amendment, TeamRepository } from '../store/team-repository.js';
import { query, writeInOrder } from './push.js';

const BATCH = 200;

export interface AmendContext {
  pool: pg.Pool;
  repo: TeamRepository;
  node: string;
  shareAll: boolean;
  /** delivery.updated for these copies (the announcer). */
  updated: (ids: number[]) => void;
}

export async function pushAmends(ctx: AmendContext): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const { last, rows } = ctx.repo.amendsAfter(ctx.repo.mark('pushed_amend'), BATCH);
    if (last === null) return;
    const mine = rows.filter((r) => r.shared || ctx.shareAll);
    if (mine.length > 0) {
      await writeInOrder(ctx.pool, async (client) => {
        for (const a of mine) {
          // No row (the endpoint was not shared when it was captured): nothing to amend.
          await client.query(
            `UPDATE team_deliveries SET handled_ms = $3, response_status = $4, response_headers = $5, response_body = $6,
               amend_seq = nextval('team_amend_seq') WHERE node = $1 AND local_id = $2`,
            [ctx.node, a.id, a.handledMs, a.responseStatus, a.responseHeaders, a.responseBody],
          );
        }
      });
    }
    ctx.repo.transaction(() => {
      ctx.repo.setMark('pushed_amend', last);
      ctx.repo.forgetAmends(last);
    });
  }
}

interface AmendRow {
  seq: string;
  node: string;
  local_id: string;
  amend_seq: string;
  handled_ms: number | null;
  response_status: number;
  response_headers: string;
  response_body: string;
}

export async function pullAmends(ctx: AmendContext): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const { rows } = await query<AmendRow>(
      ctx.pool,
      `SELECT seq, node, local_id, amend_seq, handled_ms, response_status, response_headers, response_body
       FROM team_deliveries WHERE amend_seq > $1 AND node <> $2 ORDER BY amend_seq LIMIT $3`,
      [ctx.repo.mark('pulled_amend'), ctx.node, BATCH],
    );
    // An amendment of a delivery not pulled yet waits for the next cycle (the row comes first).
    const pulled = ctx.repo.mark('pulled_delivery');
    const wait = rows.findIndex((r) => Number(r.seq) > pulled);
    const take = wait === -1 ? rows : rows.slice(0, wait);
    if (take.length === 0) return;
    const ids = ctx.repo.transaction(() => {
      const changed: number[] = [];
      for (const r of take) {
        const id = ctx.repo.deliveryByOrigin({ node: r.node, id: Number(r.local_id) });
        if (id === undefined) continue;
        const amendment: Amendment = { handledMs: r.handled_ms, responseStatus: r.response_status, responseHeaders: r.response_headers, responseBody: r.response_body };
        ctx.repo.amend(id, amendment);
        changed.push(id);
      }
      ctx.repo.setMark('pulled_amend', Number(take.at(-1)!.amend_seq));
      return changed;
    });
    if (ids.length > 0) ctx.updated(ids);
    if (take.length < BATCH) return;
  }
}
