// The pure parts behind long sessions: the keymap, the unseen counter and notification policy,
// the pane widths and the chart's stacking.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeliverySummary, EndpointTraffic } from '../../../electron/contract/index.js';
import { attentionReducer, attentive, decideNotification, NOTIFY_GAP_MS, parseOptedIn, titleWithUnseen, type NotifyLog } from '../../../renderer/src/features/attention/attention.js';
import { clampWidth, parseWidth } from '../../../renderer/src/features/layout/pane-widths.js';
import { availableShortcuts, shortcutFor, SHORTCUTS, type KeyTarget, type ShortcutAction } from '../../../renderer/src/features/shortcuts/keymap.js';
import { stackTraffic } from '../../../renderer/src/features/traffic/chart-data.js';

const body: KeyTarget = { tagName: 'BODY', isContentEditable: false, role: null };
const press = (key: string, target: KeyTarget = body, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
  target,
});
const all = new Set<ShortcutAction>(SHORTCUTS.map((s) => s.action));

describe('keymap', () => {
  it('maps each key to its action where nothing is being typed', () => {
    const table: [string, ShortcutAction][] = [['j', 'next'], ['k', 'previous'], ['Enter', 'open'], ['/', 'search'], ['r', 'replay'], ['c', 'copy-curl'], ['d', 'diff'], ['?', 'help']];
    for (const [key, action] of table) assert.equal(shortcutFor(press(key), all), action, key);
    assert.equal(shortcutFor(press('x'), all), null);
    assert.equal(shortcutFor(press('J'), all), null, 'case matters: Shift+j is not j');
  });

  it('never fires while typing, with a modifier, or when the action does nothing here', () => {
    const typing: KeyTarget[] = [
      { tagName: 'INPUT', isContentEditable: false, role: null },
      { tagName: 'TEXTAREA', isContentEditable: false, role: null },
      { tagName: 'SELECT', isContentEditable: false, role: null },
      { tagName: 'DIV', isContentEditable: true, role: null },
      { tagName: 'DIV', isContentEditable: false, role: 'textbox' },
    ];
    for (const target of typing) assert.equal(shortcutFor(press('j', target), all), null, JSON.stringify(target));
    assert.equal(shortcutFor(press('c', body, { ctrlKey: true }), all), null, 'Ctrl+C copies text');
    assert.equal(shortcutFor(press('r', body, { metaKey: true }), all), null, 'Cmd+R reloads');
    assert.equal(shortcutFor(press('j', body, { altKey: true }), all), null);
    assert.equal(shortcutFor(press('/'), new Set<ShortcutAction>(['next'])), null, 'no search field, no /');
  });

  it('lets Enter activate buttons and tabs, opening a delivery only from the page or the list', () => {
    assert.equal(shortcutFor(press('Enter', { tagName: 'BUTTON', isContentEditable: false, role: null }), all), null);
    assert.equal(shortcutFor(press('Enter', { tagName: 'BUTTON', isContentEditable: false, role: 'tab' }), all), null);
    assert.equal(shortcutFor(press('Enter', { tagName: 'DIV', isContentEditable: false, role: 'listbox' }), all), 'open');
  });

  it('lists only the keys that act here', () => {
    assert.deepEqual(availableShortcuts(new Set<ShortcutAction>(['help', 'next'])).map((s) => s.key), ['j', '?']);
  });
});

describe('unseen deliveries', () => {
  const captured = { imported: false };
  it('counts arrivals while away, not while looking nor imports, and clears on return', () => {
    let state = attentionReducer(attentive, { type: 'arrived', delivery: captured });
    assert.deepEqual(state, attentive, 'seen as it arrives');
    state = attentionReducer(state, { type: 'away' });
    state = attentionReducer(state, { type: 'arrived', delivery: captured });
    state = attentionReducer(state, { type: 'arrived', delivery: { imported: true } });
    state = attentionReducer(state, { type: 'arrived', delivery: captured });
    assert.deepEqual(state, { away: true, unseen: 2 });
    assert.deepEqual(attentionReducer(state, { type: 'away' }), state, 'hidden and blurred is still one absence');
    assert.deepEqual(attentionReducer(state, { type: 'back' }), attentive);
  });

  it('puts the count in front of the title', () => {
    assert.equal(titleWithUnseen('Hookscope', 0), 'Hookscope');
    assert.equal(titleWithUnseen('Hookscope', 3), '(3) Hookscope');
    assert.equal(titleWithUnseen('Hookscope', 12_345), '(999+) Hookscope');
  });
});

describe('notification policy', () => {
  const delivery = (endpoint: string, extra: Partial<DeliverySummary> = {}) => ({
    endpoint,
    method: 'POST',
    path: `/${endpoint}/hook`,
    responseStatus: 200,
    imported: false,
    provider: null,
    ...extra,
  });
  const optedIn = new Set(['shop']);
  const empty: NotifyLog = new Map();

  it('notifies an opted-in endpoint while the user is away, never otherwise', () => {
    const at = { optedIn, away: true, now: 1_000_000, log: empty };
    assert.ok(decideNotification(delivery('shop'), at).notification);
    assert.equal(decideNotification(delivery('shop'), { ...at, away: false }).notification, null);
    assert.equal(decideNotification(delivery('quiet'), at).notification, null);
    assert.equal(decideNotification(delivery('shop', { imported: true }), at).notification, null);
  });

  it('makes one notification per endpoint per gap, and the next counts those held back', () => {
    let log: NotifyLog = empty;
    const shown: string[] = [];
    const times = [0, 1_000, 2_000, NOTIFY_GAP_MS + 1];
    for (const now of times) {
      const decision = decideNotification(delivery('shop'), { optedIn, away: true, now, log });
      log = decision.log;
      if (decision.notification) shown.push(decision.notification.body);
    }
    assert.deepEqual(shown, ['POST /shop/hook → 200', 'POST /shop/hook → 200 (+2 more before it)']);
  });

  it('shows the provider summary when there is one, clipped', () => {
    const long = decideNotification(delivery('shop', { provider: { id: 'stripe', name: 'Stripe', event: 'x', outcome: 'success', summary: 'y'.repeat(1000) } }), {
      optedIn,
      away: true,
      now: 0,
      log: empty,
    }).notification!;
    assert.equal(long.body.length, 240);
    assert.equal(long.title, 'Hookscope · shop');
  });

  it('reads stored opt-ins defensively', () => {
    assert.deepEqual(parseOptedIn('["shop","quiet"]'), new Set(['shop', 'quiet']));
    assert.deepEqual(parseOptedIn('["shop", 3, "<b>x</b>", {}]'), new Set(['shop']));
    assert.equal(parseOptedIn('{"shop":true}'), null);
    assert.equal(parseOptedIn('not json'), null);
  });
});

describe('pane widths', () => {
  it('clamps to each pane’s bounds and reads only sane stored numbers', () => {
    assert.equal(clampWidth('sidebar', 10), 180);
    assert.equal(clampWidth('sidebar', 5000), 520);
    assert.equal(clampWidth('list', 400.4), 400);
    assert.equal(parseWidth('sidebar', '300'), 300);
    assert.equal(parseWidth('sidebar', '99999'), null);
    assert.equal(parseWidth('sidebar', '1e3'), null);
    assert.equal(parseWidth('list', 'calc(100% - 1px)'), null);
    assert.equal(parseWidth('list', '50'), 280);
  });
});

describe('traffic chart data', () => {
  it('stacks the status mix bottom-up and hands uPlot the tallest stack first', () => {
    const zero = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, other: 0, rejected: 0 };
    const traffic: EndpointTraffic = {
      slug: 'shop',
      range: '1h',
      from: 60_000,
      bucketMs: 60_000,
      buckets: [{ ...zero, '2xx': 2, '5xx': 1 }, zero, { ...zero, rejected: 4 }],
      totals: { ...zero, '2xx': 2, '5xx': 1, rejected: 4 },
    };
    const stacked = stackTraffic(traffic);
    assert.deepEqual(stacked.x, [60, 120, 180]);
    assert.equal(stacked.total, 7);
    assert.deepEqual(stacked.series[0], { kind: 'rejected', heights: [3, 0, 4] });
    assert.deepEqual(stacked.series.at(-1), { kind: '2xx', heights: [2, 0, 0] });
    assert.deepEqual(stacked.series.find((s) => s.kind === '5xx')!.heights, [3, 0, 0]);
  });
});
