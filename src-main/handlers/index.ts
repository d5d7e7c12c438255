import { auditHandlers } from '../domains/audit';
import { casesHandlers } from '../domains/cases';
import { operatorsHandlers } from '../domains/operators';
import { currentUser, usersHandlers } from '../domains/users';
import type { Store } from '../db/open';
import { createDispatcher, type Dispatch } from './registry';

export type { Dispatch } from './registry';

/** The one handler map, served by ipcMain in the app and by the preview server for browser tests. */
export function createAppDispatcher(
  store: Store,
  logError: (channel: string, error: unknown) => void = (channel, error) =>
    console.error(`[${channel}]`, error),
): Dispatch {
  return createDispatcher(
    {
      store,
      currentActor: () => {
        const user = currentUser(store);
        return user ? { id: user.id, name: user.name } : null;
      },
      logError,
    },
    [usersHandlers, operatorsHandlers, casesHandlers, auditHandlers],
  );
}
