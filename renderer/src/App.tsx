import { Fragment, useCallback, useEffect, useState } from 'react';
import { ConnectionBadge } from './components/ConnectionBadge.js';
import { ViewBoundary } from './components/ViewBoundary.js';
import { DeliveryPane } from './features/deliveries/DeliveryPane.js';
import { SelectDeliveryContext } from './state/select-delivery.js';
import { useAttention, useNotifyPrefs } from './features/attention/use-attention.js';
import { DeliveryDetail } from './features/detail/DeliveryDetail.js';
import { EndpointSettings } from './features/endpoints/EndpointSettings.js';
import { TriggerDialog } from './features/trigger/TriggerDialog.js';
import { EndpointSidebar } from './features/endpoints/EndpointSidebar.js';
import { FailingBanner } from './features/endpoints/FailingOnPurpose.js';
import { PaneDivider } from './features/layout/PaneDivider.js';
import { usePaneLayout } from './features/layout/use-pane-layout.js';
import { useInspectorShortcuts } from './features/shortcuts/inspector-shortcuts.js';
import { availableShortcuts, type ShortcutAction } from './features/shortcuts/keymap.js';
import { ShortcutsHelp } from './features/shortcuts/ShortcutsHelp.js';
import { useShortcuts } from './features/shortcuts/use-shortcuts.js';
import { TrafficStrip } from './features/traffic/TrafficStrip.js';
import { TunnelControl, TunnelUrlChanged } from './features/tunnel/TunnelControl.js';
import { publicBaseUrl } from './lib/public-url.js';
import { useClient, useConnection } from './state/client-context.js';
import { useDeliveries } from './state/use-deliveries.js';
import { useDelivery } from './state/use-delivery.js';
import { useEndpoints } from './state/use-endpoints.js';
import { useSettings } from './state/use-settings.js';
import { useSystemInfo } from './state/use-system-info.js';
import { useTunnel } from './state/use-tunnel.js';
import { readAddress, useAddress } from './state/use-address.js';
import { StorePanel } from './features/store/StorePanel.js';

const readSelected = () => readAddress(location.search).delivery;
import { ThemeToggle } from './theme/ThemeToggle.js';

/** `onSessionLost`: the HTTP API refused the session (the browser signs in again); never over IPC. */
export function App({ onSessionLost }: { onSessionLost?: () => void } = {}) {
  const connection = useConnection();
  const info = useSystemInfo();
  const endpoints = useEndpoints();
  const tunnel = useTunnel();
  const settings = useSettings();
  const publicBase = publicBaseUrl(tunnel.status, settings.settings, info);
  // The endpoint, the search, the open delivery and its tab live in the address: links, reload, back and forward.
  const [address, navigate] = useAddress();
  const { endpoint: filter, q, delivery: selectedId } = address;
  const setFilter = useCallback((endpoint: string | null) => navigate({ endpoint, delivery: null }), [navigate]);
  const setSelectedId = useCallback(
    (update: number | null | ((current: number | null) => number | null)) => {
      const current = readSelected();
      const next = typeof update === 'function' ? update(current) : update;
      if (next !== current) navigate({ delivery: next });
    },
    [navigate],
  );
  const setQuery = useCallback((next: string, mode: 'push' | 'replace') => navigate({ q: next }, mode), [navigate]);
  const [storeOpen, setStoreOpen] = useState(false);
  const deliveries = useDeliveries(filter, q);
  const { detail, refresh: refreshDetail } = useDelivery(selectedId);
  const [settingsFor, setSettingsFor] = useState<string | null>(null);
  const settingsEndpoint = settingsFor === null ? undefined : endpoints.endpoints.find((e) => e.slug === settingsFor);
  const [triggerFor, setTriggerFor] = useState<string | null>(null);
  const triggerEndpoint = triggerFor === null ? undefined : endpoints.endpoints.find((e) => e.slug === triggerFor);
  const client = useClient();
  const layout = usePaneLayout();
  const notify = useNotifyPrefs();
  useAttention(notify.optedIn, setSelectedId);
  const openId = detail.status === 'ready' ? detail.delivery.id : null;
  const shortcuts = useInspectorShortcuts(client, openId);
  useShortcuts(shortcuts.handlers);

  // An endpoint deleted elsewhere cannot stay the filter: its deliveries went with it.
  useEffect(() => {
    if (filter !== null && endpoints.endpoints.length > 0 && !endpoints.endpoints.some((e) => e.slug === filter)) setFilter(null);
    if (settingsFor !== null && endpoints.endpoints.length > 0 && !endpoints.endpoints.some((e) => e.slug === settingsFor)) setSettingsFor(null);
  }, [filter, settingsFor, endpoints.endpoints]);

  useEffect(() => {
    if (connection === 'unauthorized') onSessionLost?.();
  }, [connection, onSessionLost]);

  const { remove } = deliveries;
  const deleteDelivery = useCallback(
    async (id: number) => {
      await remove(id);
      setSelectedId((current) => (current === id ? null : current));
    },
    [remove],
  );

  const shownEndpoints = filter === null ? endpoints.endpoints : endpoints.endpoints.filter((e) => e.slug === filter);
  const turnOffFailure = (slug: string) => endpoints.update({ slug, failureMode: null });

  return (
    <div className="app">
      <div className="app-top">
        <header className="app-header">
          <span className="brand">Hookscope</span>
          {info && <span className="muted">v{info.version}</span>}
          {info && (
            <span className="capture-base muted">
              Capturing at <code className="mono">{info.captureUrl}</code>
            </span>
          )}
          <TunnelControl tunnel={tunnel} settings={settings} info={info} />
          <button type="button" className="link-button" onClick={() => setStoreOpen(true)} data-testid="open-store">
            Store
          </button>
          <ThemeToggle />
          <button type="button" className="shortcuts-button" onClick={() => shortcuts.offered().help?.()} title="Keyboard shortcuts (?)" data-testid="shortcuts-button">
            ?
          </button>
          <ConnectionBadge state={connection} />
        </header>
        <TunnelUrlChanged status={tunnel.status} />
      </div>
      <div className="panes" style={layout.style}>
        <EndpointSidebar
          endpoints={endpoints.endpoints}
          error={endpoints.error}
          captureUrl={info?.captureUrl ?? null}
          publicBase={publicBase}
          selected={filter}
          onSelect={setFilter}
          onCreate={endpoints.create}
          onOpenSettings={setSettingsFor}
          onOpenTrigger={setTriggerFor}
        />
        <PaneDivider pane="sidebar" label="Resize the endpoints pane" onResize={(w, done) => layout.resize('sidebar', w, done)} onReset={() => layout.resize('sidebar', null, true)} />
        <DeliveryPane
          deliveries={deliveries}
          endpoint={filter}
          shared={shownEndpoints.some((e) => e.shared)}
          forwardTarget={endpoints.endpoints.find((e) => e.slug === filter)?.forward?.target ?? null}
          captureUrl={info?.captureUrl ?? null}
          selectedId={selectedId}
          onSelect={setSelectedId}
          query={q}
          onQuery={setQuery}
          notice={
            <Fragment>
              {filter !== null && <TrafficStrip key={filter} slug={filter} notify={notify} />}
              <FailingBanner endpoints={shownEndpoints} onTurnOff={turnOffFailure} />
            </Fragment>
          }
        />
        <PaneDivider pane="list" label="Resize the deliveries pane" onResize={(w, done) => layout.resize('list', w, done)} onReset={() => layout.resize('list', null, true)} />
        <SelectDeliveryContext value={setSelectedId}>
          {/* The tabs have their own boundaries; this one keeps the list and sidebar alive whatever else a delivery breaks. */}
          <ViewBoundary resetKey={selectedId}>
            <DeliveryDetail
              detail={detail}
              endpoints={endpoints.endpoints}
              onDelete={deleteDelivery}
              onRefresh={refreshDetail}
              tab={address.tab}
              onTab={(tab) => navigate({ tab }, 'replace')}
            />
          </ViewBoundary>
        </SelectDeliveryContext>
      </div>
      {storeOpen && <StorePanel settings={settings} onClose={() => setStoreOpen(false)} />}
      {shortcuts.helpOpen && <ShortcutsHelp shortcuts={availableShortcuts(availableNow(shortcuts.offered()))} onClose={shortcuts.closeHelp} />}
      <p className={`shortcut-notice${shortcuts.notice ? ' shown' : ''}`} role="status" data-testid="shortcut-notice">
        {shortcuts.notice}
      </p>
      {settingsEndpoint && (
        <EndpointSettings
          key={settingsEndpoint.slug}
          endpoint={settingsEndpoint}
          info={info}
          onClose={() => setSettingsFor(null)}
          onSave={endpoints.update}
          onDelete={endpoints.remove}
        />
      )}
      {triggerEndpoint && <TriggerDialog key={triggerEndpoint.slug} endpoint={triggerEndpoint} onClose={() => setTriggerFor(null)} />}
    </div>
  );
}

/** The actions that do something now. */
function availableNow(handlers: Partial<Record<ShortcutAction, (() => void) | undefined>>): Set<ShortcutAction> {
  return new Set((Object.keys(handlers) as ShortcutAction[]).filter((action) => handlers[action]));
}
