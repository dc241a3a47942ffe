// The desktop notification gate (electron/main/notifications.ts): only our window's main frame,
// only {title, body} strings, sender text cleaned of control and bidi characters and clipped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dispatchNotify, MAX_BODY, MAX_TITLE, parseNotice, registerNotifyBridge, NOTIFY_CHANNEL, type DesktopNotice } from '../../../electron/main/notifications.js';

const ours = { url: 'app://hookscope/index.html', isMainFrame: true };

describe('desktop notifications', () => {
  it('parses a notice and makes sender text safe to show', () => {
    const table: [unknown, DesktopNotice | null][] = [
      [{ title: 'Hookscope · stripe', body: 'POST /x → 200' }, { title: 'Hookscope · stripe', body: 'POST /x → 200' }],
      [{ title: 'a\u0000b\u001b[31m', body: 'x\u202eevil\u2066' }, { title: 'a b [31m', body: 'x evil' }],
      [{ title: 't' }, { title: 't', body: '' }],
      [{ title: 'x'.repeat(500), body: 'y'.repeat(5000) }, { title: `${'x'.repeat(MAX_TITLE - 1)}…`, body: `${'y'.repeat(MAX_BODY - 1)}…` }],
      [{ title: '   ', body: 'b' }, null],
      [{ title: 1, body: 'b' }, null],
      [{ title: 't', body: {} }, null],
      [['t', 'b'], null],
      ['t', null],
      [null, null],
    ];
    for (const [payload, expected] of table) assert.deepEqual(parseNotice(payload), expected, JSON.stringify(payload));
  });

  it('shows only what our window main frame asks for', () => {
    const shown: DesktopNotice[] = [];
    const show = (notice: DesktopNotice) => shown.push(notice);
    const payload = { title: 't', body: 'b' };
    assert.equal(dispatchNotify({ frame: ours, fromOurWindow: true, payload }, show), true);
    assert.equal(dispatchNotify({ frame: ours, fromOurWindow: false, payload }, show), false);
    assert.equal(dispatchNotify({ frame: { ...ours, isMainFrame: false }, fromOurWindow: true, payload }, show), false);
    assert.equal(dispatchNotify({ frame: { url: 'https://evil.example/', isMainFrame: true }, fromOurWindow: true, payload }, show), false);
    assert.equal(dispatchNotify({ frame: null, fromOurWindow: true, payload }, show), false);
    assert.equal(dispatchNotify({ frame: ours, fromOurWindow: true, payload: 'no' }, show), false);
    assert.deepEqual(shown, [payload]);
  });

  it('registers one handler on its channel, checking the sending webContents', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const shown: DesktopNotice[] = [];
    const remove = registerNotifyBridge({
      ipcMain: { handle: (channel, listener) => handlers.set(channel, listener as never), removeHandler: (channel) => handlers.delete(channel) },
      currentWebContents: () => ({ id: 7 }),
      show: (notice) => shown.push(notice),
    });
    const handler = handlers.get(NOTIFY_CHANNEL)!;
    const event = (id: number) => ({ sender: { id }, senderFrame: { url: ours.url, parent: null } });
    assert.equal(await handler(event(7), { title: 't', body: 'b' }), true);
    assert.equal(await handler(event(8), { title: 't', body: 'b' }), false);
    assert.equal(shown.length, 1);
    remove();
    assert.equal(handlers.size, 0);
  });
});
