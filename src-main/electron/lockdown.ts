import type { MenuItemConstructorOptions, Session } from 'electron';

/**
 * The pure half of the window's lockdown, written against the types only so a Node test can check it:
 * the session's permission answers and the application menu (the window's literal preferences are checked by
 * electronegativity, test/main/electronegativity.test.ts).
 */

/** The page needs no browser permission (camera, geolocation, notifications, HID, USB, serial…): all denied. */
export type LockableSession = Pick<
  Session,
  'setPermissionCheckHandler' | 'setPermissionRequestHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler'
> & { on: Session['on'] };

export function lockDownSession(session: LockableSession): void {
  session.setPermissionCheckHandler(() => false);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setDevicePermissionHandler(() => false);
  // An empty answer refuses screen capture.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Device choosers: preventing the default and answering '' selects nothing.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
}

/**
 * The application menu. The packaged app offers no DevTools, no reload and no force-reload: a menu role (or its
 * accelerator, Ctrl+Shift+I) is the only way into them once `devTools` is also off.
 */
export function appMenuTemplate(isPackaged: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
  ];
}
