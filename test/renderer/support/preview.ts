import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The browser tests' harness: the preview server (same handler map as the app's IPC) on a fresh data directory,
 * and headless Chromium on it. Each test file starts its own, and stops it in afterAll.
 */
export const root = path.resolve(import.meta.dirname, '../../..');
export const screenshots = path.join(root, 'test-results', 'screenshots');

export type Harness = {
  /** `http://127.0.0.1:PORT`: the page has the launch token already (it was opened once with it). */
  baseUrl: string;
  /** This launch's token, parsed from the URL the server printed. */
  token: string;
  dataDir: string;
  page: Page;
  /** What the server and the page printed: shown when a test fails to start or to find something. */
  output: string[];
  /** Calls a channel over HTTP as the page would; throws on an error envelope. */
  api<T>(channel: string, input?: unknown): Promise<T>;
  /** Calls a channel and returns the raw envelope. */
  envelope<T>(channel: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; issues?: { path: string }[] } }>;
  /** The whole page at laptop width (the viewport grows to the content so the fixed frame stays in place). */
  shot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
};

function startPreview(dataDir: string, output: string[]): Promise<{ url: string; token: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/preview.js'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, AEO_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${output.join('')}`)), 30_000);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => output.push(chunk));
    child.stdout?.on('data', (chunk: string) => {
      output.push(chunk);
      const match = /AEO preview on (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(output.join(''));
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        resolve({ url: match[1], token: match[2], child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview exited with ${code}:\n${output.join('')}`));
    });
  });
}

/** The demo case (and its validator, made the current user) in `dataDir`, by the CLI through the same handlers; its id. */
/** The demo case as it stands after the site visits (`--in-progress`): runs open, steps 7–9 to do, open items to seal over. */
export function createDemoCase(dataDir: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src-main/cli/aeo.ts', 'demo', '--data', dataDir, '--in-progress'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function ensureBuilt(): void {
  if (!existsSync(path.join(root, 'out/renderer/index.html'))) {
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('electron-vite build failed');
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function startHarness(
  options: {
    viewport?: { width: number; height: number };
    prefix?: string;
    /** Fills the fresh data directory before the server opens it (the demo case, say). */
    seed?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<Harness> {
  ensureBuilt();
  mkdirSync(screenshots, { recursive: true });
  const output: string[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'aeo-renderer-'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    await options.seed?.(dataDir);
    const started = await startPreview(dataDir, output);
    server = started.child;
    const baseUrl = started.url;
    const token = started.token;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 820 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => output.push(`[pageerror] ${error.message}\n`));
    // Opened once with the token, as a user opens the printed URL: the page keeps it for this tab
    // (sessionStorage), so tests navigate to `${baseUrl}/#/...` afterwards. Then away again, so a test's first
    // `goto` loads the app afresh (a fragment-only change would not reload it).
    await page.goto(`${baseUrl}/?token=${token}`);
    await page.waitForFunction(() => window.sessionStorage.getItem('aeo.previewToken') !== null);
    await page.goto('about:blank');

    const envelope = async <T>(channel: string, input: unknown = {}) => {
      const response = await fetch(`${baseUrl}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-aeo-token': token },
        body: JSON.stringify(input),
      });
      return (await response.json()) as { ok: boolean; value?: T; error?: { code: string; issues?: { path: string }[] } };
    };
    const api = async <T>(channel: string, input: unknown = {}) => {
      const result = await envelope<T>(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
      return result.value as T;
    };
    /** Lets opening drawers and modals finish their transitions (endless spinners aside). */
    const settle = () =>
      page.waitForFunction(() =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      );
    const shot = async (name: string, shotOptions: { fullPage?: boolean } = {}) => {
      const file = path.join(screenshots, `${name}.png`);
      await settle();
      if (shotOptions.fullPage === false) {
        await page.screenshot({ path: file });
        return file;
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const viewport = page.viewportSize() ?? { width: 1366, height: 820 };
      await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.screenshot({ path: file });
      await page.setViewportSize(viewport);
      return file;
    };
    const close = async () => {
      await browser?.close();
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server?.once('exit', resolve));
        server.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      }
      rmSync(dataDir, { recursive: true, force: true });
    };
    return { baseUrl, token, dataDir, page, output, api, envelope, shot, close };
  } catch (error) {
    await browser?.close();
    server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
