// Every webContents: no navigation away, no new windows, no webview, no permissions; plus the
// application menu.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { denyAllPermissions, hardenWebContents, type HardenableContents } from '../../../electron/main/hardening.js';
import { menuTemplate } from '../../../electron/main/menu-template.js';
import { APP_ENTRY_URL } from '../../../electron/main/security-policy.js';

type Listener = (...args: never[]) => unknown;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: typeof openHandler) {
      openHandler = handler;
    },
  } as unknown as HardenableContents;
  const opened: string[] = [];
  hardenWebContents(contents, async (url) => {
    opened.push(url);
  });
  const fire = (name: string, url: string) => {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true), url };
    (listeners.get(name) as (e: unknown, u?: string) => void)(event, url);
    return prevented;
  };
  return { listeners, opened, fire, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  it('listens to every navigation and webview event', () => {
    const { listeners } = fakeContents();
    assert.deepEqual([...listeners.keys()].sort(), ['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
  });

  it('lets the page stay on app://hookscope', () => {
    const { fire, opened } = fakeContents();
    assert.equal(fire('will-navigate', APP_ENTRY_URL), false);
    assert.equal(fire('will-redirect', APP_ENTRY_URL), false);
    assert.deepEqual(opened, []);
  });

  const away = [
    'https://example.com/',
    'https://app.example.com.attacker.com',
    'app://hookscope.attacker.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<h1>phish</h1>',
    ' https://example.com/',
  ];
  for (const url of away) {
    it(`cancels navigation to ${JSON.stringify(url)}`, async () => {
      const { fire } = fakeContents();
      assert.equal(fire('will-navigate', url), true);
      assert.equal(fire('will-frame-navigate', url), true);
      assert.equal(fire('will-redirect', url), true);
    });
  }

  it('opens clicked http(s) links in the browser, never anything else', async () => {
    const { fire, opened } = fakeContents();
    fire('will-navigate', 'https://docs.stripe.com/webhooks');
    fire('will-navigate', 'file:///etc/passwd');
    fire('will-navigate', 'javascript:alert(1)');
    fire('will-navigate', 'smb://attacker.com/share');
    await Promise.resolve();
    assert.deepEqual(opened, ['https://docs.stripe.com/webhooks']);
  });

  it('never opens a redirect target externally', async () => {
    const { fire, opened } = fakeContents();
    fire('will-redirect', 'https://attacker.com/');
    await Promise.resolve();
    assert.deepEqual(opened, []);
  });

  it('denies every window.open, handing only safe links to the browser', async () => {
    const { open, opened } = fakeContents();
    for (const url of ['https://example.com/', 'http://example.com/', APP_ENTRY_URL, 'about:blank', 'javascript:alert(1)', 'file:///etc/passwd', '']) {
      assert.deepEqual(open(url), { action: 'deny' }, url);
    }
    await Promise.resolve();
    assert.deepEqual(opened, ['https://example.com/', 'http://example.com/']);
  });

  it('prevents every <webview>', () => {
    const { listeners } = fakeContents();
    let prevented = false;
    (listeners.get('will-attach-webview') as (e: unknown) => void)({ preventDefault: () => (prevented = true) });
    assert.equal(prevented, true);
  });
});

describe('denyAllPermissions', () => {
  it('denies every request and every check', () => {
    let request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    let device: ((...args: unknown[]) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h: never) => (request = h),
      setPermissionCheckHandler: (h: never) => (check = h),
      setDevicePermissionHandler: (h: never) => (device = h),
    } as never);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      let granted: boolean | undefined;
      request!({}, permission, (g) => (granted = g));
      assert.equal(granted, false, permission);
      assert.equal(check!({}, permission, APP_ENTRY_URL, {}), false, permission);
    }
    assert.equal(device!({ deviceType: 'usb', origin: APP_ENTRY_URL }), false);
  });
});

describe('menuTemplate', () => {
  const roles = (items: ReturnType<typeof menuTemplate>): string[] =>
    items.flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]).filter(Boolean);

  it('has the usual menus (app on macOS, file, edit, view, window, help)', () => {
    const mac = menuTemplate({ platform: 'darwin', isPackaged: true, appName: 'Hookscope' });
    assert.deepEqual(mac.map((m) => m.role ?? m.label), ['appMenu', 'fileMenu', 'editMenu', 'View', 'windowMenu', 'help']);
    const linux = menuTemplate({ platform: 'linux', isPackaged: true, appName: 'Hookscope' });
    assert.deepEqual(linux.map((m) => m.role ?? m.label), ['fileMenu', 'editMenu', 'View', 'windowMenu', 'help']);
    assert.ok(roles(linux).includes('about'));
    for (const role of ['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']) assert.ok(roles(linux).includes(role), role);
  });

  it('has no DevTools toggle in packaged builds', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      assert.equal(roles(menuTemplate({ platform, isPackaged: true, appName: 'Hookscope' })).includes('toggleDevTools'), false);
      assert.equal(roles(menuTemplate({ platform, isPackaged: false, appName: 'Hookscope' })).includes('toggleDevTools'), true);
    }
  });
});

describe('downloads', () => {
  it('lets only our own blob: URLs download, through the save dialog', async () => {
    const { guardDownloads, isAllowedDownload } = await import('../../../electron/main/hardening.js');
    const table: Array<[string, boolean]> = [
      ['blob:app://hookscope/6f1c0a8e-0b1f-4f7e-9d59-1a2b3c4d5e6f', true],
      ['blob:https://attacker.example/6f1c', false],
      ['https://example.com/file.pdf', false],
      ['app://hookscope/index.html', false],
      ['file:///etc/passwd', false],
      ['blob:app://hookscope.attacker/6f1c', false],
    ];
    for (const [url, allowed] of table) assert.equal(isAllowedDownload(url), allowed, url);

    let listener: ((event: unknown, item: never) => void) | undefined;
    guardDownloads({ on: (_event, l) => (listener = l as never) });
    const calls: string[] = [];
    const item = (url: string) => ({
      getURL: () => url,
      getFilename: () => 'invoice.pdf',
      cancel: () => calls.push(`cancel ${url}`),
      setSaveDialogOptions: (o: { defaultPath: string }) => calls.push(`dialog ${o.defaultPath}`),
    });
    listener!({}, item('blob:app://hookscope/abc') as never);
    listener!({}, item('https://example.com/x.pdf') as never);
    assert.deepEqual(calls, ['dialog invoice.pdf', 'cancel https://example.com/x.pdf']);
  });
});
