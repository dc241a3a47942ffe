// Settings: merged change by change, saved, announced (`settings.saved`), and retention applied at
// once when it changed.
import type { ParsedArgs, Settings } from '../contract/index.js';
import type { CoreEvents } from './events/core-events.js';
import type { SettingsRepository } from './store/settings-repository.js';

export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly events: CoreEvents,
    private readonly prune: () => void,
  ) {}

  get(): Settings {
    return this.settings.get();
  }

  update({ retention, tunnel, publicUrl, archive }: ParsedArgs<'settings.update'>): Settings {
    const current = this.settings.get();
    const next = this.settings.save({
      retention: { ...current.retention, ...retention },
      tunnel: { ...current.tunnel, ...tunnel },
      publicUrl: publicUrl === undefined ? current.publicUrl : publicUrl,
      archive: { ...current.archive, ...archive },
    });
    if (retention) this.prune();
    this.events.emit('settings.saved', next);
    return next;
  }

  /** Settings another team node saved (team mode): they replace these keys whole, then apply and announce as any change. */
  replace(shared: Partial<Pick<Settings, 'retention' | 'archive' | 'publicUrl'>>): Settings {
    const next = this.settings.save({ ...this.settings.get(), ...shared });
    if (shared.retention) this.prune();
    this.events.emit('settings.saved', next);
    return next;
  }
}
