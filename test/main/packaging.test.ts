import asar from '@electron/asar';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, projectRoot as root } from '../support/built-app';
import { tempDir } from '../support/temp-store';

// `npm run dist` cannot download Electron here, so this builds the real electron-builder configuration
// (`--linux dir`, the afterPack hook included) against a stand-in Electron folder whose `electron` file carries a
// fuse wire, then checks what went into the package and that the hook flipped the wire for real.

const run = promisify(execFile);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's shipped defaults for the eight V1 fuses, '1' on and '0' off, in wire order. */
const DEFAULT_WIRE = '10110001';

type FuseSettings = Record<string, boolean>;
type AfterPackModule = {
  FUSE_SETTINGS: FuseSettings;
  applyFuses(binary: string, settings?: FuseSettings): Promise<Record<number, number>>;
};
const afterPackModule = () =>
  import(pathToFileURL(path.join(root, 'scripts', 'after-pack.mjs')).href) as Promise<AfterPackModule>;
const FUSE_ORDER = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
];

/** A file shaped like the Electron binary where fuses live: bytes, the sentinel, version 1, length, wire. */
function writeStandInBinary(file: string, wire = DEFAULT_WIRE): void {
  const bytes = Buffer.concat([
    Buffer.from('\x7fELF stand-in for the Electron binary\0'),
    Buffer.from(SENTINEL),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.from('\0more binary after the wire'),
  ]);
  writeFileSync(file, bytes);
  chmodSync(file, 0o755);
}

/** The wire as a string of '0', '1' and 'r', read straight from the file. */
function readWire(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL);
  if (at < 0) throw new Error(`no fuse sentinel in ${file}`);
  const start = at + SENTINEL.length;
  expect(bytes[start]).toBe(1);
  return bytes.subarray(start + 2, start + 2 + (bytes[start + 1] ?? 0)).toString('latin1');
}

const expectedWire = (settings: FuseSettings, length = FUSE_ORDER.length) =>
  FUSE_ORDER.slice(0, length)
    .map((name, i) => (name in settings ? (settings[name] ? '1' : '0') : DEFAULT_WIRE[i]))
    .join('');

describe('fuse configuration', () => {
  it('turns off Node as a runner, NODE_OPTIONS and --inspect; turns on asar-only, asar integrity, cookie encryption', async () => {
    const { FUSE_SETTINGS } = await afterPackModule();
    expect(FUSE_SETTINGS).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
      // The UI loads from app://, so file:// needs none of its historical extra privileges.
      GrantFileProtocolExtraPrivileges: false,
    });
    const config = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^afterPack: \.\/scripts\/after-pack\.mjs$/m);
  });

  it('@electron/fuses flips a stand-in binary to exactly that wire, leaving the other bytes alone', async () => {
    const { FUSE_SETTINGS, applyFuses } = await afterPackModule();
    const dir = tempDir('aeo-fuses-');
    try {
      const binary = path.join(dir, 'electron');
      writeStandInBinary(binary);
      const before = readFileSync(binary);
      await applyFuses(binary);
      const after = readFileSync(binary);
      expect(readWire(binary)).toBe(expectedWire(FUSE_SETTINGS));
      expect(after.length).toBe(before.length);
      const wireAt = before.indexOf(SENTINEL) + SENTINEL.length + 2;
      const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
      expect(changed.every((i) => i >= wireAt && i < wireAt + DEFAULT_WIRE.length)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the build when a fuse it must set has been removed from the binary', async () => {
    const { applyFuses } = await afterPackModule();
    const dir = tempDir('aeo-fuses-');
    try {
      const binary = path.join(dir, 'electron');
      writeStandInBinary(binary, 'r0110001');
      await expect(applyFuses(binary)).rejects.toThrow(/RunAsNode has been removed/);
      expect(readWire(binary)).toBe('r0110001');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Every file below `dir`, as paths relative to it with forward slashes. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), relative) : [relative];
  });
}

describe('the desktop package (electron-builder --linux dir against a stand-in Electron)', () => {
  let work: string;
  let unpacked: string;
  let archive: string;
  let packed: string[];
  let shipped: string[];

  beforeAll(async () => {
    await ensureBuilt();
    work = tempDir('aeo-dist-');
    const electronDist = path.join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeStandInBinary(path.join(electronDist, 'electron'));
    writeFileSync(path.join(electronDist, 'LICENSE'), 'stand-in');
    writeFileSync(path.join(electronDist, 'version'), '45.4.1');
    await run(
      process.execPath,
      [
        path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--linux',
        'dir',
        '--projectDir',
        root,
        `-c.electronDist=${electronDist}`,
        // The native rebuild would compile against Node's headers here; the real build rebuilds for Electron.
        '-c.npmRebuild=false',
        `-c.directories.output=${path.join(work, 'dist')}`,
      ],
      { cwd: root, env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' }, maxBuffer: 64 * 1024 * 1024 },
    );
    unpacked = path.join(work, 'dist', 'linux-unpacked');
    archive = path.join(unpacked, 'resources', 'app.asar');
    packed = asar.listPackage(archive, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''));
    const outside = walk(path.join(unpacked, 'resources')).filter((file) => !file.startsWith('app.asar.unpacked/'));
    const natives = walk(path.join(unpacked, 'resources', 'app.asar.unpacked'));
    shipped = [...packed, ...outside, ...natives];
  }, 180_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('app.asar holds the built app, every migration and every asset', () => {
    for (const file of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(packed).toContain(file);
    }
    for (const folder of ['migrations', 'assets']) {
      const files = walk(path.join(root, folder)).filter((file) => !file.endsWith('.md'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(packed).toContain(`${folder}/${file}`);
    }
  });

  it('every runtime dependency ships (no exclusion pattern drops a package the app imports)', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const direct = Object.keys(manifest.dependencies);
    expect(direct.length).toBeGreaterThan(10);
    const missing = direct.filter((name) => !packed.includes(`node_modules/${name}/package.json`));
    expect(missing).toEqual([]);
  });

  it('native modules are unpacked beside the archive, as real files', () => {
    const natives = [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      ...packed.filter((file) => /^node_modules\/(@img\/sharp-[^/]+|sharp)\/.*\.node$/.test(file)),
    ];
    expect(natives.some((file) => file.includes('sharp'))).toBe(true);
    for (const file of natives) {
      const stat = asar.statFile(archive, file, false) as { unpacked?: boolean };
      expect(stat.unpacked, file).toBe(true);
      expect(statSync(path.join(unpacked, 'resources', 'app.asar.unpacked', file)).isFile()).toBe(true);
    }
  });

  it('ships no test, source map, TypeScript source, test-only dependency or native build leftovers', () => {
    const forbidden = shipped.filter(
      (file) =>
        /(^|\/)(test|tests|__tests__)\//.test(file) ||
        /\.(test|spec)\.[cm]?js$/.test(file) ||
        /\.map$/.test(file) ||
        /\.(ts|mts|cts|tsx)$/.test(file) ||
        /(^|\/)node_modules\/(yauzl|yazl|vitest|electron|electron-builder|playwright-core)\//.test(file) ||
        /node_modules\/better-sqlite3\/(deps|src)\//.test(file) ||
        /node_modules\/better-sqlite3\/build\/(Release\/(obj|obj\.target|\.deps)\/|deps\/|Makefile)/.test(file) ||
        /\.(o|a)$/.test(file),
    );
    expect(forbidden).toEqual([]);
  });

  it('leaves the loopback preview server out of the desktop package', () => {
    expect(packed).not.toContain('out/main/preview.js');
    const outFiles = packed.filter((file) => file.startsWith('out/main/') && file.endsWith('.js'));
    expect(outFiles).toContain('out/main/index.js');
    for (const file of outFiles) {
      const text = asar.extractFile(archive, file).toString('utf8');
      expect(text, file).not.toMatch(/startPreviewServer|isLoopbackHost/);
    }
  });

  it('the packaged binary carries the configured fuse wire (flipped by the afterPack hook)', async () => {
    const { FUSE_SETTINGS } = await afterPackModule();
    const binaries = readdirSync(unpacked, { withFileTypes: true })
      .filter((entry) => entry.isFile() && readFileSync(path.join(unpacked, entry.name)).includes(SENTINEL))
      .map((entry) => entry.name);
    expect(binaries).toEqual(['aeo-field-validator']);
    expect(readWire(path.join(unpacked, 'aeo-field-validator'))).toBe(expectedWire(FUSE_SETTINGS));
  });
});
