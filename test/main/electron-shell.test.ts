import { afterEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../src-main/contract/channels';
import { migrationsDir } from '../../src-main/core/app-paths';
import { openStore } from '../../src-main/db/open';
import { createFileTokenRegistry } from '../../src-main/core/file-tokens';
import { registerFileDrops } from '../../src-main/electron/file-drops';
import { registerIpc, type IpcMainLike } from '../../src-main/electron/ipc';
import { safeStorageWrapper, type SafeStorageLike } from '../../src-main/electron/secrets';
import { rendererEntry } from '../../src-main/electron/security';
import { createAppDispatcher } from '../../src-main/handlers';
import { exposeApi, type PreloadElectron } from '../../src-main/preload/expose';
import { tempDir } from '../support/temp-store';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The Electron shell's own logic, run in Node with fakes of the Electron objects it is handed (the real
// binary cannot start here). Only Electron is faked: the dispatcher, store and handlers are the real ones.

type IpcMainInvokeEvent = Parameters<Parameters<IpcMainLike['handle']>[1]>[0];
type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

/** Behaves as ipcMain.handle does: a second handler for the same channel throws. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const registrations: string[] = [];
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      registrations.push(channel);
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener as Handler);
    },
  };
  return { ipcMain, handlers, registrations };
}

type FakeFrame = { url: string; parent: FakeFrame | null };
const eventFrom = (frame: FakeFrame | null) => ({ senderFrame: frame }) as unknown as IpcMainInvokeEvent;
const topFrame = (url: string): FakeFrame => ({ url, parent: null });

/** A keychain fake: reversible, tagged encryption, with a selectable backend. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { encrypted: number } {
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
    encryptString(plain: string) {
      fake.encrypted += 1;
      return Buffer.from(`kc:${Buffer.from(plain).reverse().toString('base64')}`);
    },
    decryptString(wrapped: Buffer) {
      return Buffer.from(wrapped.toString().slice(3), 'base64').reverse().toString();
    },
  };
  return fake;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function shellApp(secrets = fakeSafeStorage('gnome_libsecret')) {
  const dataDir = tempDir('aeo-shell-');
  const store = openStore({ dataDir, migrationsDir: migrationsDir() });
  cleanups.push(() => {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const dispatch = createAppDispatcher(store, {
    logError: () => undefined,
    secrets: safeStorageWrapper(secrets, 'linux'),
  });
  const fake = fakeIpcMain();
  registerIpc(fake.ipcMain, dispatch, rendererEntry());
  const invoke = (channel: string, input: unknown, frame: FakeFrame | null = topFrame(rendererEntry().href)) => {
    const handler = fake.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(eventFrom(frame), input);
  };
  const count = (table: string) => store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { ...fake, invoke, count, secrets };
}

describe('registerIpc with a fake ipcMain', () => {
  it('registers every contract channel exactly once and nothing else', () => {
    const { registrations } = shellApp();
    expect([...registrations].sort()).toEqual([...channelNames].sort());
    expect(new Set(registrations).size).toBe(registrations.length);
  });

  it('answers our own page through the real dispatcher', async () => {
    const { invoke, count } = shellApp();
    await expect(invoke('users:create', { name: 'Dana Validator', role: 'validator' })).resolves.toMatchObject({
      ok: true,
    });
    expect(count('users')).toBe(1);
  });

  it.each([
    ['another site', topFrame('https://evil.example/index.html')],
    ['a file: URL with the same path', topFrame('file:///out/renderer/index.html')],
    ['another page of our origin', topFrame('app://aeo/other.html')],
    ['a look-alike host', topFrame('app://aeo.evil/index.html')],
    ['a subframe of our own page', { url: 'app://aeo/index.html', parent: topFrame('app://aeo/index.html') }],
    ['a destroyed frame', null],
  ])('refuses a call from %s with an envelope, writing nothing', async (_name, frame) => {
    const { invoke, count } = shellApp();
    const answer = await invoke('users:create', { name: 'Mallory', role: 'validator' }, frame);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(count('users')).toBe(0);
    expect(count('audit_log')).toBe(0);
  });

  it('answers invalid input with an invalid_input envelope carrying issues', async () => {
    const { invoke, count } = shellApp();
    const answer = await invoke('users:create', { name: 42, role: 'emperor' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const issues = (answer as { error: { issues: { path: string }[] } }).error.issues.map((issue) => issue.path);
    expect(issues).toEqual(expect.arrayContaining(['name', 'role']));
    expect(count('users')).toBe(0);
  });
});

describe('safeStorage wrapping with a fake safeStorage', () => {
  it('wraps and unwraps keys through the keychain when a real backend is selected', async () => {
    const secrets = fakeSafeStorage('gnome_libsecret');
    const wrapper = safeStorageWrapper(secrets, 'linux');
    expect(wrapper.unavailableReason()).toBeNull();
    const plain = new Uint8Array([1, 2, 3, 250]);
    const wrapped = await wrapper.wrap(plain);
    expect(Buffer.from(wrapped).toString()).toMatch(/^kc:/);
    expect([...(await wrapper.unwrap(wrapped))]).toEqual([...plain]);

    const { invoke, count } = shellApp(secrets);
    await invoke('users:create', { name: 'Dana Validator', role: 'validator' });
    await expect(invoke('keys:create', {})).resolves.toMatchObject({ ok: true });
    expect(count('user_keys')).toBe(1);
  });

  it.each([
    ['the basic_text backend on Linux', fakeSafeStorage('basic_text')],
    ['no encryption at all', fakeSafeStorage('unknown', false)],
  ])('fails closed on %s: no wrapping, keys:create refused, no key row', async (_name, secrets) => {
    const wrapper = safeStorageWrapper(secrets, 'linux');
    expect(wrapper.unavailableReason()).toMatch(/keyring|keychain/);
    expect(() => wrapper.wrap(new Uint8Array([1]))).toThrow(/keyring|keychain/);
    expect(() => wrapper.unwrap(new Uint8Array([1]))).toThrow(/keyring|keychain/);

    const { invoke, count } = shellApp(secrets);
    await invoke('users:create', { name: 'Dana Validator', role: 'validator' });
    const answer = await invoke('keys:create', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(count('user_keys')).toBe(0);
    expect(secrets.encrypted).toBe(0);
    await expect(invoke('keys:status', {})).resolves.toMatchObject({
      ok: true,
      value: { protection: { method: 'safe-storage', available: false } },
    });
  });
});

describe('the preload with a fake contextBridge and ipcRenderer', () => {
  function exposed() {
    const exposures: { key: string; api: unknown }[] = [];
    const invocations: { channel: string; input: unknown }[] = [];
    const listeners = new Map<string, unknown[]>();
    const electron: PreloadElectron = {
      contextBridge: { exposeInMainWorld: (key, api) => void exposures.push({ key, api }) },
      ipcRenderer: {
        invoke: (channel, input) => {
          invocations.push({ channel, input });
          return Promise.resolve({ ok: true, value: null });
        },
        on(channel, listener) {
          listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
          return this as never;
        },
        removeListener(channel, listener) {
          listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
          return this as never;
        },
      },
      webUtils: { getPathForFile: () => '/picked/file.jpg' },
    };
    exposeApi(electron);
    return { exposures, invocations, listeners };
  }

  it('exposes exactly one object, window.aeo, whose keys are the contract domains plus the extras', () => {
    const { exposures } = exposed();
    expect(exposures.map((e) => e.key)).toEqual(['aeo']);
    const api = exposures[0]!.api as Record<string, unknown>;
    const domains = [...new Set(channelNames.map((c) => c.split(':')[0]!))];
    const extras = ['onProgress', 'fileToken'];
    expect(Object.keys(api).sort()).toEqual([...domains, ...extras].sort());
    for (const domain of domains) {
      const verbs = channelNames.filter((c) => c.startsWith(`${domain}:`)).map((c) => c.split(':')[1]);
      expect(Object.keys(api[domain] as object).sort()).toEqual(verbs.sort());
    }
    // Nothing generic: no way to name a channel of one's own.
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('on');
  });

  it('each method invokes its own channel only, and a progress subscription can be removed', async () => {
    const { exposures, invocations, listeners } = exposed();
    const api = exposures[0]!.api as {
      cases: { list(input: unknown): Promise<unknown> };
      onProgress(listener: (e: unknown) => void): () => void;
    };
    await api.cases.list({ query: 'x' });
    expect(invocations).toEqual([{ channel: 'cases:list', input: { query: 'x' } }]);
    const unsubscribe = api.onProgress(() => undefined);
    expect([...listeners.values()].flat()).toHaveLength(1);
    unsubscribe();
    expect([...listeners.values()].flat()).toHaveLength(0);
  });
});

describe('file drops: the preload trades a dropped file for a token', () => {
  it('issues a single-use token only to our page and only for a regular file', async () => {
    const fake = fakeIpcMain();
    const registry = createFileTokenRegistry();
    registerFileDrops(fake.ipcMain, registry, rendererEntry());
    const dir = tempDir('aeo-drops-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'photo.jpg');
    writeFileSync(file, 'bytes');
    mkdirSync(path.join(dir, 'folder'));
    const handler = fake.handlers.get('aeo-private:file-token');
    if (!handler) throw new Error('the file-token channel is not registered');
    const ours = topFrame(rendererEntry().href);
    const token = await handler(eventFrom(ours), file);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await handler(eventFrom(topFrame('https://evil.example/')), file)).toBeNull();
    expect(await handler(eventFrom(ours), path.join(dir, 'folder'))).toBeNull();
    expect(await handler(eventFrom(ours), 'relative/photo.jpg')).toBeNull();
    expect(await handler(eventFrom(ours), { path: file })).toBeNull();
  });
});
