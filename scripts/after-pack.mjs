// electron-builder `afterPack` hook: flips Electron's fuses in the packaged binary, then reads the wire back and
// fails the build unless every fuse holds the value in fuses.json. Fuses are bits compiled into the binary that
// turn off whole features: with RunAsNode and the NODE_OPTIONS / --inspect switches off, the signed app cannot be
// reused as a general Node interpreter or debugged into by another local program; OnlyLoadAppFromAsar with asar
// integrity means the code that runs is the code that was packed. File-protocol privileges are off because the
// UI loads from app:// (see src-main/core/app-protocol.ts).
import fuses from '@electron/fuses';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion } = fuses;

/** fuses.json maps FuseV1Options names to on/off; it is also what test/main/packaging.test.ts checks. */
export const FUSE_SETTINGS = JSON.parse(readFileSync(new URL('./fuses.json', import.meta.url), 'utf8'));

const ENABLE = '1'.charCodeAt(0);
const DISABLE = '0'.charCodeAt(0);
const REMOVED = 'r'.charCodeAt(0);

export function fuseConfig(settings = FUSE_SETTINGS) {
  const config = { version: FuseVersion.V1 };
  for (const [name, on] of Object.entries(settings)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`fuses.json names an unknown fuse: ${name}`);
    config[index] = on;
  }
  // An Apple Silicon build must be re-signed ad hoc after its bytes change.
  config.resetAdHocDarwinSignature = true;
  return config;
}

/** The Electron binary inside an electron-builder output folder, per platform. */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** Flips the fuses of `binary` and proves they hold; throws (failing the build) otherwise. */
export async function applyFuses(binary, settings = FUSE_SETTINGS) {
  // @electron/fuses overwrites a fuse Electron has marked removed ('r') with only a warning: the byte changes but
  // the feature is gone, so the setting would mean nothing. Refuse instead, before touching the binary.
  const before = await getCurrentFuseWire(binary);
  for (const name of Object.keys(settings)) {
    if (before[FuseV1Options[name]] === REMOVED) {
      throw new Error(`fuse ${name} has been removed from the Electron binary ${binary}; review scripts/fuses.json`);
    }
  }
  await flipFuses(binary, fuseConfig(settings));
  const wire = await getCurrentFuseWire(binary);
  for (const [name, on] of Object.entries(settings)) {
    const state = wire[FuseV1Options[name]];
    if (state !== (on ? ENABLE : DISABLE)) {
      throw new Error(`fuse ${name} should be ${on ? 'on' : 'off'} in ${binary} but reads ${String(state)}`);
    }
  }
  return wire;
}

export default async function afterPack(context) {
  await applyFuses(electronBinary(context));
}
