// Team mode for a host without command-line options (the desktop app): `team.json` in the data
// folder, `{"url": "postgres://…", "shareAll": false, "keyFile": "/path/to/team.key"}`, with the
// environment (HOOKSCOPE_TEAM, HOOKSCOPE_TEAM_KEY) taking precedence. No file and no variable: the
// node runs alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AesGcmSecretBox, parseTeamKey } from '../secrets/secret-box.js';
import type { TeamOptions } from './team-node.js';

const teamFile = z.strictObject({
  url: z.string().regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL: postgres://user:password@host:5432/database'),
  shareAll: z.boolean().optional(),
  keyFile: z.string().min(1).optional(),
});

export const TEAM_CONFIG_FILE = 'team.json';

/** The team options of this data folder and environment, or undefined to run alone; throws on a bad file or key. */
export function teamOptionsFrom(dataDir: string, env: NodeJS.ProcessEnv = process.env): TeamOptions | undefined {
  let file: z.infer<typeof teamFile> | undefined;
  try {
    const text = readFileSync(join(dataDir, TEAM_CONFIG_FILE), 'utf8');
    const parsed = teamFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; '));
    file = parsed.data;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw new Error(`${TEAM_CONFIG_FILE} in ${dataDir}: ${(error as Error).message}`);
  }
  const url = env.HOOKSCOPE_TEAM ?? file?.url;
  if (!url) return undefined;
  const keyText = env.HOOKSCOPE_TEAM_KEY ?? (file?.keyFile ? readFileSync(file.keyFile, 'utf8') : undefined);
  return {
    url,
    shareAll: file?.shareAll ?? false,
    teamBox: keyText?.trim() ? new AesGcmSecretBox(parseTeamKey(keyText)) : null,
  };
}
