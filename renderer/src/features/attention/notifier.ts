// Where a notification goes: the desktop shell's bridge (Electron's Notification in the main
// process; the page itself has no notification permission there), else the browser's Notification
// API under `serve`, which asks the user once.

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export interface Notice {
  title: string;
  body: string;
  tag: string;
}

export interface Notifier {
  permission(): NotifyPermission;
  /** Asks the user where the platform wants that (browsers); resolves with the answer. */
  request(): Promise<NotifyPermission>;
  show(notice: Notice, onClick: () => void): void;
}

interface DesktopNotify {
  notify?: (notice: { title: string; body: string }) => Promise<boolean>;
}

function desktopNotifier(notify: NonNullable<DesktopNotify['notify']>): Notifier {
  return {
    permission: () => 'granted',
    request: () => Promise.resolve('granted'),
    show: (notice) => void notify({ title: notice.title, body: notice.body }).catch(() => false),
  };
}

const browserNotifier: Notifier = {
  permission: () => ('Notification' in window ? Notification.permission : 'unsupported'),
  request: async () => ('Notification' in window ? Notification.requestPermission() : 'unsupported'),
  show(notice, onClick) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    const shown = new Notification(notice.title, { body: notice.body, tag: notice.tag });
    shown.onclick = () => {
      window.focus();
      onClick();
      shown.close();
    };
  },
};

export function platformNotifier(): Notifier {
  const bridge = (window as { hookscope?: DesktopNotify }).hookscope;
  return bridge?.notify ? desktopNotifier(bridge.notify) : browserNotifier;
}
