// The application menu: Electron's standard roles (so shortcuts, Undo/Copy/Paste in text fields
// and the macOS conventions come for free), and no way into DevTools in a packaged build.
// Pure (type-only Electron import) so the unit tests can read it.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuInput {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
}

export function menuTemplate({ platform, isPackaged, appName }: MenuInput): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    ...(isPackaged ? [] : ([{ role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? ([{ label: appName, role: 'appMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: isMac ? [] : [{ role: 'about' }] },
  ];
}
