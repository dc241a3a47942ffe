// Settings a team shares: retention, the document archive's settings and the public URL (behind a
// balancer it is the balancer's). The tunnel settings stay per node: each node opens its own.
// One row per key; the last writer wins.
import type pg from 'pg';
import type { Settings } from '../../contract/index.js';
import type { TeamRepository } from '../store/team-repository.js';
import { query, writeInOrder } from './push.js';

export const SHARED_SETTINGS = ['retention', 'archive', 'publicUrl'] as const;
export type SharedSettings = Partial<Pick<Settings, (typeof SHARED_SETTINGS)[number]>>;

export interface SettingsSyncContext {
  pool: pg.Pool;
  repo: TeamRepository;
  node: string;
  now: () => number;
  current: () => Settings;
  /** Save and announce settings another node wrote. */
  apply: (shared: SharedSettings) => void;
}

export async function pushSettings(ctx: SettingsSyncContext): Promise<void> {
  const settings = ctx.current();
  await writeInOrder(ctx.pool, async (client) => {
    for (const key of SHARED_SETTINGS) {
      await client.query(
        `INSERT INTO team_settings (key, seq, value, updated_by, updated_at) VALUES ($1, nextval('team_endpoints_seq'), $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET seq = excluded.seq, value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
         WHERE team_settings.value IS DISTINCT FROM excluded.value`,
        [key, JSON.stringify(settings[key]), ctx.node, ctx.now()],
      );
    }
  });
}

export async function pullSettings(ctx: SettingsSyncContext): Promise<void> {
  const { rows } = await query<{ key: string; seq: string; value: unknown; updated_by: string }>(
    ctx.pool,
    'SELECT key, seq, value, updated_by FROM team_settings WHERE seq > $1 ORDER BY seq',
    [ctx.repo.mark('pulled_setting')],
  );
  if (rows.length === 0) return;
  const shared: Record<string, unknown> = {};
  for (const row of rows) if (row.updated_by !== ctx.node && (SHARED_SETTINGS as readonly string[]).includes(row.key)) shared[row.key] = row.value;
  ctx.repo.setMark('pulled_setting', Number(rows.at(-1)!.seq));
  if (Object.keys(shared).length > 0) ctx.apply(shared as SharedSettings);
}
