import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { FormFooter, type SaveNotice } from '../../components/FormFooter.js';
import { NumberInput, SettingsRow } from '../../components/SettingsRow.js';
import type { SettingsState } from '../../state/use-settings.js';
import { archiveFormFrom, archivePatch, type ArchiveForm } from './archive-form.js';
import './archive.css';


/**
 * The archive settings: whether documents that payloads link to are fetched on arrival, the limits
 * of a fetch, and whether loopback addresses may be fetched (off by default: a payload is a
 * stranger's request to make this machine fetch something).
 */
export function ArchiveSettings({ settings, focusLoopback = false, onClose }: { settings: SettingsState; focusLoopback?: boolean; onClose: () => void }) {
  const titleId = useId();
  const loopback = useRef<HTMLInputElement>(null);
  const stored = settings.settings?.archive ?? null;
  const [form, setForm] = useState<ArchiveForm | null>(stored && archiveFormFrom(stored));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<SaveNotice>(null);

  useEffect(() => {
    if (stored && !touched) setForm(archiveFormFrom(stored));
  }, [stored, touched]);
  useEffect(() => {
    if (focusLoopback && form) loopback.current?.focus();
    // Focus once the form is there, not on every edit.
  }, [focusLoopback, form === null]);

  if (!stored || !form) {
    return <p className="muted">{settings.error ? `Could not load the settings: ${settings.error}` : 'Loading the settings…'}</p>;
  }
  const change = (update: Partial<ArchiveForm>) => {
    setTouched(true);
    setNotice(null);
    setForm({ ...form, ...update });
  };
  const outcome = archivePatch(form, stored);
  const dirty = 'patch' in outcome && Object.keys(outcome.patch).length > 0;

  const save = (event: FormEvent) => {
    // Handled in script: the page's CSP (form-action 'none') forbids a real form submission.
    event.preventDefault();
    if (busy || !('patch' in outcome) || !dirty) return;
    setBusy(true);
    settings.update({ archive: outcome.patch }).then(
      (saved) => {
        setBusy(false);
        setTouched(false);
        setForm(archiveFormFrom(saved.archive));
        setNotice({ kind: 'saved', text: 'Saved. Fetches from now on use these settings.' });
      },
      (failure: unknown) => {
        setBusy(false);
        setNotice({ kind: 'error', text: errorMessage(failure) });
      },
    );
  };

  return (
    <section className="archive-settings" aria-labelledby={titleId} data-testid="archive-settings">
      <form onSubmit={save} noValidate>
        <header className="archive-settings-header">
          <h3 id={titleId} className="section-title">
            Archive settings
          </h3>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close the archive settings" data-testid="archive-settings-close">
            ×
          </button>
        </header>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(event) => change({ enabled: event.target.checked })} data-testid="archive-enabled" />
          Fetch the documents payloads link to, on arrival (links expire within minutes)
        </label>
        <SettingsRow label="Largest file (MiB)" htmlFor="archive-max-mib">
          <NumberInput id="archive-max-mib" value={form.maxMiB} min={0.001} max={1024} onValue={(maxMiB) => change({ maxMiB })} />
        </SettingsRow>
        <SettingsRow label="Time limit (seconds)" htmlFor="archive-timeout">
          <NumberInput id="archive-timeout" value={form.timeoutSeconds} min={0.1} max={300} onValue={(timeoutSeconds) => change({ timeoutSeconds })} />
        </SettingsRow>
        <SettingsRow label="Redirects followed" htmlFor="archive-redirects">
          <NumberInput id="archive-redirects" value={form.maxRedirects} min={0} max={20} onValue={(maxRedirects) => change({ maxRedirects })} />
        </SettingsRow>
        <label className="checkbox">
          <input
            ref={loopback}
            type="checkbox"
            checked={form.allowLoopback}
            onChange={(event) => change({ allowLoopback: event.target.checked })}
            data-testid="archive-allow-loopback"
          />
          Allow loopback addresses (127.0.0.1, ::1, localhost)
        </label>
        <p className="help">
          For a document server on this machine, e.g. while developing. Anyone who can post to your capture URL can then make Hookscope fetch from this machine&apos;s own
          services. Private and link-local addresses are never fetched.
        </p>
        <FormFooter
          className="archive-settings-footer"
          notice={notice}
          busy={busy}
          disabled={!dirty}
          problem={'problem' in outcome && <p className="error-text">{outcome.problem}</p>}
          testIds={{ error: 'archive-settings-error', saved: 'archive-settings-saved', save: 'archive-settings-save' }}
        />
      </form>
    </section>
  );
}
