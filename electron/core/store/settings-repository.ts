import type { Settings } from '../../contract/index.js';
import type { SqliteDatabase } from './database.js';

/** Retention is off by default: nothing is deleted unless the user asks. */
export const defaultSettings: Settings = {
  retention: { maxCount: null, maxAgeDays: null },
  tunnel: { host: null, subdomain: null },
  publicUrl: null,
  // Links in PDF webhooks expire within minutes: archiving on arrival is the point, so it is on.
  archive: { enabled: true, maxBytes: 50 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 5, allowLoopback: false },
};

/** Settings are one JSON value per top-level key, so a new setting needs no migration. */
export class SettingsRepository {
  private readonly selectAll;
  private readonly upsert;
  /** Read on hot paths (retention, public URL): served from memory, refreshed on every save. */
  private cached: Settings | null = null;

  constructor(db: SqliteDatabase) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  /** Frozen: callers read it on hot paths and must not change it in place. */
  get(): Readonly<Settings> {
    this.cached ??= deepFreeze(this.load());
    return this.cached;
  }

  private load(): Settings {
    const stored = Object.fromEntries(this.selectAll.all().map((r) => [r.key, JSON.parse(r.value) as unknown])) as Partial<Settings>;
    return {
      retention: { ...defaultSettings.retention, ...stored.retention },
      tunnel: { ...defaultSettings.tunnel, ...stored.tunnel },
      publicUrl: stored.publicUrl === undefined ? defaultSettings.publicUrl : stored.publicUrl,
      archive: { ...defaultSettings.archive, ...stored.archive },
    };
  }

  save(settings: Settings): Settings {
    for (const [key, value] of Object.entries(settings)) this.upsert.run(key, JSON.stringify(value));
    this.cached = null;
    return this.get();
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
