import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, resolveAppRequest } from '../../src-main/core/app-protocol';
import { CONTENT_SECURITY_POLICY, DESKTOP_CONTENT_SECURITY_POLICY } from '../../src-main/core/csp';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from '../../src-main/electron/app-protocol';
import {
  appMenuTemplate,
  lockDownSession,
  type LockableSession,
} from '../../src-main/electron/lockdown';
import { rendererEntry } from '../../src-main/electron/security';
import { tempDir } from '../support/temp-store';

type MenuItemConstructorOptions = ReturnType<typeof appMenuTemplate>[number];
type FakeProtocol = Parameters<typeof registerAppProtocol>[0];

// The Electron window's lockdown, checked in Node: the pure app:// path resolution, the protocol handler with a
// fake `protocol`, the session's permission answers with a fake session, the menu and the web preferences.

let appPath: string;
let root: string;
beforeAll(() => {
  appPath = tempDir('aeo-app-');
  root = path.join(appPath, 'out', 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>aeo</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'notes.txt'), 'not a renderer type');
  writeFileSync(path.join(appPath, 'out', 'secret.js'), 'outside the renderer folder');
  writeFileSync(path.join(appPath, 'package.json'), '{}');
});
afterAll(() => rmSync(appPath, { recursive: true, force: true }));

describe('app:// path resolution (pure)', () => {
  it.each([
    ['app://aeo/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://aeo/', 'index.html', 'text/html; charset=utf-8'],
    ['app://aeo/assets/index-abc.js', 'assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://aeo/assets/index-abc.css?v=1#x', 'assets/index-abc.css', 'text/css; charset=utf-8'],
    ['app://aeo/assets/font%20file.woff2', 'assets/font file.woff2', 'font/woff2'],
  ])('%s → out/renderer/%s as %s', (url, file, mime) => {
    expect(resolveAppRequest(root, url)).toEqual({ ok: true, filePath: path.join(root, file), mimeType: mime });
  });

  it.each([
    ['app://aeo/..%2fsecret.js', 403],
    ['app://aeo/assets/..%2F..%2Fsecret.js', 403],
    ['app://aeo/assets/%2E%2E%5C..%5Csecret.js', 403],
    ['app://aeo/..%5csecret.js', 403],
    ['app://aeo/a%00.js', 403],
    ['app://aeo/%E0%A4%A', 400],
    ['app://evil/index.html', 403],
    ['app://aeo.evil/index.html', 403],
    ['app://user:pw@aeo/index.html', 403],
    ['app://aeo:8080/index.html', 403],
    ['file:///etc/passwd', 403],
    ['http://aeo/index.html', 403],
    ['not a url', 400],
    ['app://aeo/assets/notes.txt', 404],
    ['app://aeo/assets', 404],
  ])('refuses %s (%d)', (url, status) => {
    expect(resolveAppRequest(root, url)).toMatchObject({ ok: false, status });
  });

  it('folds dot segments the URL parser removes back inside the root, never above it', () => {
    const folded = resolveAppRequest(root, 'app://aeo/../../secret.js');
    // The WHATWG parser turns this into /secret.js: inside the renderer folder, where no such file exists.
    expect(folded).toMatchObject({ ok: true, filePath: path.join(root, 'secret.js') });
    expect(resolveAppRequest(root, 'app://aeo/%2e%2e/secret.js')).toMatchObject({ filePath: path.join(root, 'secret.js') });
  });

  it('the window loads the entry from app://, and the scheme is standard and secure', () => {
    expect(rendererEntry().href).toBe(APP_ENTRY_URL);
    expect(rendererEntry().protocol).toBe('app:');
    expect(APP_SCHEME_PRIVILEGES).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });
});

describe('the app:// handler with a fake protocol', () => {
  async function serve() {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    const protocol = {
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) => {
        expect(scheme).toBe('app');
        handler = fn;
      },
    } as unknown as FakeProtocol;
    registerAppProtocol(protocol, appPath);
    if (!handler) throw new Error('no handler registered');
    return handler;
  }

  it('serves renderer files with their type, the desktop CSP and nosniff', async () => {
    const handler = await serve();
    const response = await handler(new Request('app://aeo/assets/index-abc.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(DESKTOP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['app://aeo/..%2fsecret.js', 403],
    ['app://aeo/../secret.js', 404],
    ['app://aeo/missing.js', 404],
    ['app://other/index.html', 403],
  ])('answers %s with %d and no body', async (url, status) => {
    const handler = await serve();
    const response = await handler(new Request(url));
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('');
  });
});

describe('content security policy', () => {
  const directive = (policy: string, name: string) =>
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([n]) => n === name)
      ?.slice(1);

  it('the desktop page may load scripts only from its own origin and open no connection', () => {
    expect(directive(DESKTOP_CONTENT_SECURITY_POLICY, 'default-src')).toEqual(["'none'"]);
    expect(directive(DESKTOP_CONTENT_SECURITY_POLICY, 'script-src')).toEqual(["'self'"]);
    expect(directive(DESKTOP_CONTENT_SECURITY_POLICY, 'connect-src')).toEqual(["'none'"]);
    expect(directive(DESKTOP_CONTENT_SECURITY_POLICY, 'object-src')).toEqual(["'none'"]);
    expect(DESKTOP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|file:|https?:|\*/);
    // The preview page needs its own /api, nothing more.
    expect(directive(CONTENT_SECURITY_POLICY, 'connect-src')).toEqual(["'self'"]);
  });
});

describe('session permissions with a fake session', () => {
  it('denies every permission check, request, device, display capture and device chooser', () => {
    const answers: unknown[] = [];
    const chooserEvents: string[] = [];
    const fake = {
      setPermissionCheckHandler: (fn: (...args: unknown[]) => boolean) => answers.push(fn(null, 'media', 'app://aeo', {})),
      setPermissionRequestHandler: (fn: (...args: unknown[]) => void) =>
        fn(null, 'geolocation', (granted: boolean) => answers.push(granted), {}),
      setDevicePermissionHandler: (fn: (...args: unknown[]) => boolean) =>
        answers.push(fn({ deviceType: 'usb', origin: 'app://aeo' })),
      setDisplayMediaRequestHandler: (fn: (...args: unknown[]) => void) =>
        fn({}, (streams: object) => answers.push(Object.keys(streams).length > 0)),
      on: (name: string, fn: (...args: unknown[]) => void) => {
        let prevented = false;
        const event = { preventDefault: () => (prevented = true) };
        const callback = (id: string) => chooserEvents.push(`${name}:${prevented}:${JSON.stringify(id)}`);
        if (name === 'select-serial-port') fn(event, [{ portId: 'p1' }], null, callback);
        else fn(event, { deviceList: [{ deviceId: 'd1' }] }, callback);
      },
    } as unknown as LockableSession;
    lockDownSession(fake);
    expect(answers).toEqual([false, false, false, false]);
    expect(chooserEvents.sort()).toEqual([
      'select-hid-device:true:""',
      'select-serial-port:true:""',
      'select-usb-device:true:""',
    ]);
  });
});

describe('application menu', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.role ? [item.role.toLowerCase()] : []),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);

  it('the packaged menu offers no DevTools and no reload; the development menu does', () => {
    const production = roles(appMenuTemplate(true));
    expect(production).not.toContain('toggledevtools');
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forcereload');
    expect(production).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
    expect(roles(appMenuTemplate(false))).toContain('toggledevtools');
  });
});
