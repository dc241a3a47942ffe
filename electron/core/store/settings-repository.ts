import type { Settings } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

/** Retention is off by default: nothing is deleted unless the user asks. */
export const defaultSettings: Settings = { retention: { maxCount: null, maxAgeDays: null } };

export class SettingsRepository {
  private readonly selectAll;
  private readonly upsert;

  constructor(db: SqliteDatabase) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): Settings {
    const stored = Object.fromEntries(this.selectAll.all().map((r) => [r.key, JSON.parse(r.value) as unknown]));
    return { retention: { ...defaultSettings.retention, ...(stored.retention as Partial<Settings['retention']>) } };
  }

  save(settings: Settings): Settings {
    this.upsert.run('retention', JSON.stringify(settings.retention));
    return this.get();
  }
}
