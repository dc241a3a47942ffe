import { useEffect, useState } from 'react';
import type { Delivery, Endpoint } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { MethodBadge } from '../../components/MethodBadge.js';
import { onCommand } from '../../lib/commands.js';
import { Tabs, type TabOption } from '../../components/Tabs.js';
import { ViewBoundary } from '../../components/ViewBoundary.js';
import type { DeliveryDetailState } from '../../state/use-delivery.js';
import { FixtureMenu } from '../export/FixtureMenu.js';
import { SnippetMenu } from '../export/SnippetMenu.js';
import { ReplayPanel } from '../replay/ReplayPanel.js';
import { documentsBadge, DocumentsTab } from '../documents/DocumentsTab.js';
import { CompareContext } from '../diff/compare-context.js';
import { ComparePanel } from '../diff/ComparePanel.js';
import { useDocuments } from '../documents/use-documents.js';
import { BodyTab } from './BodyTab.js';
import { DownloadRawButton } from './DownloadRawButton.js';
import { HeadersTable } from '../../components/HeadersTable.js';
import { OverviewTab } from './OverviewTab.js';
import { ResponseTab } from './ResponseTab.js';
import { SignatureTab } from './SignatureTab.js';
import './detail.css';

const detailTabs = ['overview', 'signature', 'headers', 'body', 'documents', 'response', 'replay'] as const;
type DetailTab = (typeof detailTabs)[number];
const asTab = (tab: string | null): DetailTab => (detailTabs as readonly string[]).includes(tab ?? '') ? (tab as DetailTab) : 'overview';

export function DeliveryDetail({
  detail,
  endpoints,
  onDelete,
  onRefresh,
  tab: requestedTab,
  onTab,
}: {
  /** The tab in the address; kept across selections, so stepping through deliveries on the Body tab stays on it. */
  tab: string | null;
  onTab: (tab: DetailTab) => void;
  detail: DeliveryDetailState;
  /** For the Replay tab: the delivery's endpoint gives the default target and whether it can re-sign. */
  endpoints: Endpoint[];
  onDelete: (id: number) => Promise<void>;
  /** Refetch the open delivery (after a re-verify). */
  onRefresh: () => void;
}) {
  const tab = asTab(requestedTab);
  // Keyboard shortcuts (r: replay) ask for a tab through the command bus (lib/commands.ts).
  useEffect(() => onCommand('detail.show-tab', onTab), [onTab]);

  return (
    <section className="detail-pane" aria-label="Delivery detail" data-testid="delivery-detail">
      {detail.status === 'idle' && <p className="placeholder muted">Select a delivery to inspect it.</p>}
      {detail.status === 'loading' && <p className="placeholder muted">Loading delivery {detail.id}…</p>}
      {detail.status === 'gone' && <p className="placeholder muted">Delivery {detail.id} was deleted.</p>}
      {detail.status === 'error' && (
        <p className="error-banner" role="alert">
          Could not load delivery {detail.id}: {detail.message}
        </p>
      )}
      {detail.status === 'ready' && (
        <Loaded
          key={detail.delivery.id}
          delivery={detail.delivery}
          endpoint={endpoints.find((e) => e.slug === detail.delivery.endpoint)}
          tab={tab}
          onTab={onTab}
          onDelete={onDelete}
          onRefresh={onRefresh}
        />
      )}
    </section>
  );
}

function Loaded({
  delivery,
  endpoint,
  tab,
  onTab,
  onDelete,
  onRefresh,
}: {
  delivery: Delivery;
  endpoint: Endpoint | undefined;
  tab: DetailTab;
  onTab: (tab: DetailTab) => void;
  onDelete: (id: number) => Promise<void>;
  onRefresh: () => void;
}) {
  const [deleteError, setDeleteError] = useState<string | null>(null);
  /** The comparison with another delivery: closed (null), or open with the other's id once picked. */
  const [compare, setCompare] = useState<{ otherId: number | null } | null>(null);
  // d (keyboard) opens the comparison, as the Compare… button does.
  useEffect(() => onCommand('detail.compare', () => setCompare((open) => open ?? { otherId: null })), []);
  const documents = useDocuments(delivery.id);
  const tabs: TabOption<DetailTab>[] = [
    { id: 'overview', label: 'Overview' },
    { id: 'signature', label: 'Signature' },
    { id: 'headers', label: 'Headers', badge: delivery.headers.length },
    { id: 'body', label: 'Body' },
    { id: 'documents', label: 'Documents', badge: documentsBadge(documents) },
    { id: 'response', label: 'Response' },
    { id: 'replay', label: 'Replay' },
  ];

  const remove = () => {
    setDeleteError(null);
    onDelete(delivery.id).catch((failure: unknown) => setDeleteError(errorMessage(failure)));
  };

  return (
    <CompareContext value={(otherId: number) => setCompare({ otherId })}>
      <header className="detail-header">
        <MethodBadge method={delivery.method} />
        <span className="detail-url mono" title={delivery.url}>
          {delivery.url}
        </span>
        <span className="muted mono" data-testid="detail-id">
          #{delivery.id}
        </span>
        <SnippetMenu deliveryId={delivery.id} />
        <FixtureMenu deliveryId={delivery.id} />
        <button type="button" onClick={() => setCompare(compare ? null : { otherId: null })} aria-pressed={compare !== null} data-testid="compare-button">
          Compare…
        </button>
        <button type="button" className="danger" onClick={remove} data-testid="delete-delivery">
          Delete
        </button>
      </header>
      {deleteError && (
        <p className="error-banner" role="alert">
          {deleteError}
        </p>
      )}
      {compare && (
        <ComparePanel delivery={delivery} otherId={compare.otherId} onOtherId={(otherId) => setCompare({ otherId })} onClose={() => setCompare(null)} />
      )}
      <Tabs tabs={tabs} selected={tab} onSelect={onTab} label="Delivery sections" />
      <div className="detail-body" role="tabpanel">
        {/* Every tab shows what a sender chose to send: a failure stays in the tab, and the raw bytes stay reachable. */}
        <ViewBoundary resetKey={`${delivery.id}:${tab}`} actions={<DownloadRawButton id={delivery.id} contentType={delivery.contentType} />}>
          {tab === 'overview' && <OverviewTab delivery={delivery} onShowSignature={() => onTab('signature')} />}
          {tab === 'signature' && <SignatureTab delivery={delivery} onReverified={onRefresh} />}
          {tab === 'headers' && <HeadersTable headers={delivery.headers} testId="headers-table" />}
          {tab === 'body' && <BodyTab delivery={delivery} onShowDocuments={() => onTab('documents')} />}
          {tab === 'documents' && <DocumentsTab state={documents} />}
          {tab === 'response' && <ResponseTab delivery={delivery} />}
          {tab === 'replay' && <ReplayPanel delivery={delivery} endpoint={endpoint} />}
        </ViewBoundary>
      </div>
    </CompareContext>
  );
}
