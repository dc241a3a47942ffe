import { useState } from 'react';
import { trafficRanges, type StatusClass, type TrafficRange } from '../../../../electron/contract/names.js';
import { Segmented } from '../../components/Segmented.js';
import { readPreference, writePreference } from '../../lib/preferences.js';
import type { NotifyPrefs } from '../attention/use-attention.js';
import { STACK_ORDER } from './chart-data.js';
import { RateChart } from './RateChart.js';
import { useTraffic } from './use-traffic.js';
import './traffic.css';

const RANGE_LABEL: Record<TrafficRange, string> = { '1h': 'Hour', '24h': 'Day', '7d': 'Week' };
const CLASS_LABEL: Record<StatusClass, string> = { '2xx': '2xx', '3xx': '3xx', '4xx': '4xx', '5xx': '5xx', other: 'other', rejected: 'refused' };

const parseRange = (raw: string) => ((trafficRanges as readonly string[]).includes(raw) ? (raw as TrafficRange) : null);
const parseShown = (raw: string) => (raw === 'no' ? false : raw === 'yes' ? true : null);

/** Above an endpoint's deliveries: its delivery rate with the status mix, and whether it notifies. */
export function TrafficStrip({ slug, notify }: { slug: string; notify: NotifyPrefs }) {
  const [range, setRange] = useState<TrafficRange>(() => readPreference('traffic.range', parseRange) ?? '1h');
  const [shown, setShown] = useState(() => readPreference('traffic.shown', parseShown) ?? true);
  const notifying = notify.optedIn.has(slug);

  const chooseRange = (next: TrafficRange) => {
    setRange(next);
    writePreference('traffic.range', next);
  };
  const toggleShown = () => {
    setShown(!shown);
    writePreference('traffic.shown', shown ? 'no' : 'yes');
  };

  return (
    <section className="traffic-strip" aria-label="Traffic" data-testid="traffic-strip">
      <header className="traffic-head">
        <button type="button" className="link-button" aria-expanded={shown} onClick={toggleShown} data-testid="traffic-toggle">
          {shown ? '▾' : '▸'} Traffic
        </button>
        {shown && <Segmented options={trafficRanges.map((id) => ({ id, label: RANGE_LABEL[id] }))} selected={range} onSelect={chooseRange} label="Traffic range" />}
        <button
          type="button"
          className={`notify-toggle${notifying ? ' on' : ''}`}
          aria-pressed={notifying}
          title={notifying ? 'Notifying you of new deliveries while the window is in the background' : 'Notify me of new deliveries while the window is in the background'}
          onClick={() => void notify.setOptedIn(slug, !notifying)}
          data-testid="notify-toggle"
        >
          {notifying ? '🔔 Notifying' : '🔕 Notify me'}
        </button>
        {notify.permission === 'denied' && (
          <span className="muted small" role="status" data-testid="notify-denied">
            Notifications are blocked for this page in the browser&apos;s site settings.
          </span>
        )}
      </header>
      {shown && <TrafficBody slug={slug} range={range} />}
    </section>
  );
}

function TrafficBody({ slug, range }: { slug: string; range: TrafficRange }) {
  const { traffic, error } = useTraffic(slug, range);
  if (error && !traffic)
    return (
      <p className="error-text" role="alert">
        Could not load the traffic: {error}
      </p>
    );
  if (!traffic) return <p className="muted small">Loading…</p>;
  const total = STACK_ORDER.reduce((sum, kind) => sum + traffic.totals[kind], 0);
  return (
    <>
      <RateChart traffic={traffic} />
      <ul className="traffic-legend" aria-label="Status mix" data-testid="traffic-legend">
        <li data-testid="traffic-total" data-count={total}>
          {total} in the last {RANGE_LABEL[range].toLowerCase()}
        </li>
        {STACK_ORDER.filter((kind) => traffic.totals[kind] > 0).map((kind) => (
          <li key={kind} className={`traffic-key traffic-${kind}`} data-testid={`traffic-${kind}`} data-count={traffic.totals[kind]}>
            {CLASS_LABEL[kind]} {traffic.totals[kind]}
          </li>
        ))}
      </ul>
    </>
  );
}
