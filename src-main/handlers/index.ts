import type { ProgressEvent } from '../contract/progress';
import type { FileTokenResolver } from '../core/file-tokens';
import { passphraseWrapper, type SecretWrapper } from '../core/keys';
import { bundlesHandlers, keysHandlers, trustHandlers } from '../domains/bundles';
import { assessmentHandlers } from '../domains/assessment';
import { auditHandlers } from '../domains/audit';
import { controlPlanHandlers } from '../domains/control-plan';
import { findingsHandlers } from '../domains/findings';
import { reportsHandlers } from '../domains/reports';
import { risksHandlers } from '../domains/risks';
import { settingsHandlers } from '../domains/settings';
import { authorityHandlers } from '../domains/authority';
import { officialHandlers } from '../domains/official';
import { syncHandlers } from '../domains/sync';
import { casesHandlers } from '../domains/cases';
import { evidenceHandlers } from '../domains/evidence';
import { operatorsHandlers } from '../domains/operators';
import { planHandlers } from '../domains/plan';
import { runSignoffHandlers } from '../domains/run-signoff';
import { runsHandlers } from '../domains/runs';
import { templatesHandlers } from '../domains/templates';
import { teamHandlers } from '../domains/team';
import { interviewsHandlers, systemsHandlers } from '../domains/systems';
import { currentActor, usersHandlers } from '../domains/users';
import { accountManagerHandlers } from '../domains/account-manager';
import { applicationHandlers } from '../domains/application';
import { authorizationHandlers } from '../domains/authorization';
import { monitoringHandlers } from '../domains/monitoring';
import type { Store } from '../db/open';
import type { HostCapabilities } from '../kernel/context';
import { createDispatcher, type Dispatch } from './registry';

export type { Dispatch } from './registry';

export type DispatcherOptions = {
  logError?: (channel: string, error: unknown) => void;
  emitProgress?: (event: ProgressEvent) => void;
  /** Desktop-only capabilities (save dialog, open in viewer), given by the Electron shell. */
  host?: HostCapabilities;
  /** Redeems file tokens (`{source:{token}}`): the Electron main process's or the CLI's registry. */
  fileTokens?: FileTokenResolver;
  /** How private keys are wrapped; defaults to a passphrase from AEO_PASSPHRASE (unavailable without one). */
  secrets?: SecretWrapper;
  /** The clock handlers record sign-offs with; tests pass a fixed one. */
  clock?: () => Date;
};

/** The one handler map, served by ipcMain in the app and by the preview server for browser tests. */
export function createAppDispatcher(store: Store, options: DispatcherOptions = {}): Dispatch {
  return createDispatcher(
    {
      store,
      currentActor: () => currentActor(store),
      logError: options.logError ?? ((channel, error) => console.error(`[${channel}]`, error)),
      progress: options.emitProgress ?? (() => undefined),
      ...(options.host ? { host: options.host } : {}),
      ...(options.fileTokens ? { fileTokens: options.fileTokens } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      secrets: options.secrets ?? passphraseWrapper(process.env.AEO_PASSPHRASE),
    },
    [
      usersHandlers,
      operatorsHandlers,
      casesHandlers,
      auditHandlers,
      planHandlers,
      templatesHandlers,
      runsHandlers,
      runSignoffHandlers,
      evidenceHandlers,
      risksHandlers,
      findingsHandlers,
      assessmentHandlers,
      controlPlanHandlers,
      settingsHandlers,
      authorityHandlers,
      officialHandlers,
      reportsHandlers,
      keysHandlers,
      trustHandlers,
      bundlesHandlers,
      syncHandlers,
      teamHandlers,
      systemsHandlers,
      interviewsHandlers,
      applicationHandlers,
      authorizationHandlers,
      accountManagerHandlers,
      monitoringHandlers,
    ],
  );
}
