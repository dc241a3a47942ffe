// "Send test event": play a provider against a handler from the inspector. Pick a template (the
// core renders it with fresh ids and times), edit its body in the replay's code editor, add
// headers (an Adobe CALLBACK notifier's), choose the target (this endpoint, its forward target,
// any URL), send; the verdict and each attempt are shown and the endpoint's runs kept. The secret
// is typed into an uncontrolled password field, read only when sending, never put in React state.
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Endpoint, HeaderPair, TriggerRun } from '../../../../electron/contract/index.js';
import { DialogHeader } from '../../components/DialogHeader.js';
import { HeaderListEditor, type HeaderRow } from '../../components/HeaderListEditor.js';
import { Segmented } from '../../components/Segmented.js';
import { checkJson } from '../../lib/json-check.js';
import { useModal } from '../../state/use-modal.js';
import { RunView } from './RunView.js';
import { TriggerFixture, type TriggerEdits } from './TriggerFixture.js';
import { useTrigger } from './use-trigger.js';
import './trigger.css';

/** CodeMirror loads when the panel opens, not with the inspector (as in the replay tab). */
const CodeEditor = lazy(() => import('../replay/CodeEditor.js').then((module) => ({ default: module.CodeEditor })));

type Target = 'endpoint' | 'forward' | 'url';

function prettyIfJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text) as unknown, null, 2);
  } catch {
    return text;
  }
}
/** Retry waits are divided by this in the panel: an hour of a provider's schedule becomes a second. */
export const PANEL_SPEED = 3600;

export function TriggerDialog({ endpoint, onClose }: { endpoint: Endpoint; onClose: () => void }) {
  const modal = useModal(onClose);
  const secretInput = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const trigger = useTrigger(endpoint.slug);
  const [templateId, setTemplateId] = useState('');
  const [body, setBody] = useState('');
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [target, setTarget] = useState<Target>('endpoint');
  const [url, setUrl] = useState('');
  const [holdToContract, setHoldToContract] = useState(true);
  const [shown, setShown] = useState<TriggerRun | null>(null);

  // The first template of the provider this endpoint verifies as, else the first listed.
  const { templates, choose, preview } = trigger;
  useEffect(() => {
    if (templateId !== '' || templates.length === 0) return;
    const scheme = endpoint.verification?.scheme;
    const first = templates.find((t) => t.provider === scheme) ?? templates[0]!;
    setTemplateId(first.id);
    choose(first.id);
  }, [templates, templateId, endpoint.verification, choose]);
  // Shown pretty for editing; sent only when edited (else the core builds a fresh event, ids and all).
  const shownBody = useMemo(() => (preview ? prettyIfJson(preview.body) : ''), [preview]);
  useEffect(() => setBody(shownBody), [shownBody]);

  const groups = useMemo(() => {
    const byProvider = new Map<string, typeof templates>();
    for (const t of templates) byProvider.set(t.providerName, [...(byProvider.get(t.providerName) ?? []), t]);
    return [...byProvider];
  }, [templates]);
  const info = templates.find((t) => t.id === templateId) ?? null;
  const check = useMemo(() => (body.trimStart().startsWith('{') || body.trimStart().startsWith('[') ? checkJson(body) : null), [body]);

  const extraHeaders = (): HeaderPair[] => headers.filter((row) => row.name.trim() !== '').map((row) => [row.name.trim(), row.value]);
  const edits = (): TriggerEdits | null =>
    templateId === '' ? null : { template: templateId, ...(preview && body !== shownBody ? { body } : {}), headers: extraHeaders() };

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (trigger.busy || templateId === '') return;
    const secret = secretInput.current?.value ?? '';
    const extra = extraHeaders();
    void trigger
      .send({
        template: templateId,
        target,
        ...(target === 'url' ? { url: url.trim() } : {}),
        ...(secret !== '' ? { secret } : {}),
        ...(preview && body !== shownBody ? { body } : {}),
        ...(extra.length > 0 ? { headers: extra } : {}),
        contract: holdToContract ? 'provider' : 'none',
        speed: PANEL_SPEED,
      })
      .then((run) => run && setShown(run));
  };

  return (
    <dialog {...modal} className="settings-dialog trigger-dialog" aria-labelledby={titleId} data-testid="trigger-dialog">
      <form className="settings-form" onSubmit={send} noValidate>
        <DialogHeader titleId={titleId} onClose={onClose} closeTestId="close-trigger">
          Send test event · <span className="mono">{endpoint.slug}</span>
        </DialogHeader>
        <div className="settings-body">
          <div className="settings-row">
            <label className="settings-label" htmlFor="trigger-template">
              Event
            </label>
            <div className="settings-control">
              <select
                id="trigger-template"
                value={templateId}
                onChange={(event) => {
                  setTemplateId(event.target.value);
                  choose(event.target.value);
                }}
                data-testid="trigger-template"
              >
                {groups.map(([name, list]) => (
                  <optgroup key={name} label={name}>
                    {list.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.id}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {info && (
                <p className="help" data-testid="trigger-contract">
                  {info.title}. Deadline {info.contract.deadline}; answer {info.contract.ack}; retries: {info.contract.retries}
                </p>
              )}
              {info?.notes.map((note) => (
                <p key={note} className="help">
                  {note}
                </p>
              ))}
            </div>
          </div>

          <div className="trigger-editor" data-testid="trigger-body">
            <Suspense fallback={<p className="muted">Loading the editor…</p>}>
              <CodeEditor value={body} onChange={setBody} language="json" check={check} label="Event body" testId="trigger-body-editor" />
            </Suspense>
          </div>

          <div className="settings-row">
            <span className="settings-label">Extra headers</span>
            <div className="settings-control">
              <HeaderListEditor
                rows={headers}
                onChange={setHeaders}
                empty="None. Adobe sends the headers configured in its CALLBACK notifier: add them here."
                testIds={{ row: 'trigger-header-row', name: 'trigger-header-name', value: 'trigger-header-value', add: 'trigger-add-header' }}
              />
            </div>
          </div>

          <TriggerFixture edits={edits} />

          <div className="settings-row">
            <span className="settings-label">Send to</span>
            <div className="settings-control">
              <Segmented<Target>
                label="Target"
                options={[
                  { id: 'endpoint', label: 'This endpoint' },
                  ...(endpoint.forward ? [{ id: 'forward' as const, label: 'Its forward target' }] : []),
                  { id: 'url', label: 'Any URL' },
                ]}
                selected={target}
                onSelect={setTarget}
              />
              {target === 'url' && (
                <input
                  className="mono"
                  type="url"
                  value={url}
                  placeholder="http://localhost:3000/webhooks"
                  spellCheck={false}
                  autoComplete="off"
                  aria-label="Target URL"
                  onChange={(event) => setUrl(event.target.value)}
                  data-testid="trigger-url"
                />
              )}
              {target === 'forward' && endpoint.forward && <p className="help mono">{endpoint.forward.target}</p>}
            </div>
          </div>

          <div className="settings-row">
            <label className="settings-label" htmlFor="trigger-secret">
              Signing secret
            </label>
            <div className="settings-control">
              <input id="trigger-secret" ref={secretInput} type="password" autoComplete="off" placeholder="(empty: the endpoint's own, if it verifies as this provider)" data-testid="trigger-secret" />
              <label className="checkbox">
                <input type="checkbox" checked={holdToContract} onChange={(event) => setHoldToContract(event.target.checked)} data-testid="trigger-contract-toggle" />
                Hold the handler to the provider&apos;s contract (deadline, answer, retries {PANEL_SPEED}× faster); off: one send, any 2xx
              </label>
            </div>
          </div>

          {trigger.error && (
            <p className="error" role="alert" data-testid="trigger-error">
              {trigger.error}
            </p>
          )}
          {shown && <RunView run={shown} />}

          {trigger.runs.length > 0 && (
            <section aria-label="Earlier runs" data-testid="trigger-runs">
              <h3>Runs (the last 20, kept)</h3>
              <ul className="trigger-run-list">
                {trigger.runs.map((run) => (
                  <li key={run.id}>
                    <button type="button" className="link-button" onClick={() => setShown(run)} data-testid="trigger-run-item">
                      {new Date(run.startedAt).toLocaleTimeString()} · {run.templateId} · {run.verdict ? (run.verdict.met ? 'met' : `not met (${run.verdict.rule})`) : 'sending'}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <footer className="settings-footer">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={trigger.busy || templateId === ''} data-testid="trigger-send">
            {trigger.busy ? 'Sending…' : 'Send'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
