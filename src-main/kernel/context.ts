import type { z } from 'zod';
import type { Channel, Contract, OutputOf } from '../contract';
import { AppError } from '../contract/result';
import type { ProgressEvent } from '../contract/progress';
import type { FileTokenResolver } from '../core/file-tokens';
import type { SecretWrapper } from '../core/keys';
import type { UserActor } from '../db/audit-chain';
import type { Store } from '../db/open';

/*
 * The kernel every domain builds on: what a handler is given (the context) and what a handler map looks like.
 * It imports no domain and no registry, so domains can import it while the registry (which imports every domain
 * through handlers/index.ts) stays above them.
 */

export type HandlerContext = {
  readonly store: Store;
  /** The user working on this device now; handlers that change data require one. */
  currentActor(): UserActor | null;
  /** Where logs of unexpected errors go; never shown raw to the user. */
  logError(channel: string, error: unknown): void;
  /** Reports progress of long work to the UI; a no-op when the caller gave no task id. */
  progress(event: ProgressEvent): void;
  /** Wraps private keys at rest: safeStorage in the app, a passphrase in the CLI, preview and tests. */
  readonly secrets: SecretWrapper;
  /** What only the desktop shell can do (system dialogs); absent in the preview server, CLI and tests. */
  readonly host?: HostCapabilities;
  /** Redeems tokens for files the user dropped or picked (Electron) or named on the command line (CLI). */
  readonly fileTokens?: FileTokenResolver;
  /** The clock sign-offs and gates record; tests inject a fixed one. Absent: the system clock. */
  readonly clock?: () => Date;
};

/** "Now" as the context's clock tells it, in the store's UTC ISO form. */
export function nowOf(ctx: HandlerContext): string {
  return (ctx.clock?.() ?? new Date()).toISOString();
}

export type HostCapabilities = {
  /** Shows a save dialog and copies `sourcePath` to the chosen file; null when the user cancelled. */
  saveFileAs(sourcePath: string, suggestedName: string): Promise<string | null>;
  /** Opens a file in the system's default application. */
  openFile(filePath: string): Promise<boolean>;
  /** Shows a save dialog and only answers the chosen path (the caller writes the file); null when cancelled. */
  chooseSavePath?(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
};

export function requireHost(ctx: HandlerContext): HostCapabilities {
  if (!ctx.host) throw new AppError('unavailable', 'Only the desktop app can show this dialog; download the file instead.');
  return ctx.host;
}

export function requireActor(ctx: HandlerContext): UserActor {
  const actor = ctx.currentActor();
  if (!actor) throw new AppError('forbidden', 'Choose who is working on this device before making changes.');
  return actor;
}

type Implementation<C extends Channel> = (
  ctx: HandlerContext,
  input: z.output<Contract[C]['input']>,
) => OutputOf<C> | Promise<OutputOf<C>>;

/** A domain's handler map: exactly its `domain:*` channels, each typed from the contract. */
export type HandlerMap<D extends string> = {
  [C in Channel as C extends `${D}:${string}` ? C : never]: Implementation<C>;
};
