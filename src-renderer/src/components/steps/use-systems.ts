import { useEffect } from 'react';
import { NONE } from '../../lib/localized';
import { usePick } from '../../stores/pick';
import { useSystemsStore } from '../../stores/systems';

/**
 * Steps 3 and 4 read one store: opens it for the case and says whether what it holds is this case's, read. Until
 * then a section shows a loader, not an empty list: "no minutes yet" would be untrue, and a form opened on it would
 * start blank and write the blank over the minutes still on their way.
 */
export function useCaseSystems(caseId: string) {
  const { caseId: loadedFor, status, error, load } = usePick(useSystemsStore, 'caseId', 'status', 'error', 'load');
  const systems = useSystemsStore((s) => (s.caseId === caseId ? s.systems : NONE));
  const minutes = useSystemsStore((s) => (s.caseId === caseId ? s.minutes : NONE));
  useEffect(() => {
    if (loadedFor !== caseId) void load(caseId);
  }, [caseId, loadedFor, load]);
  const mine = loadedFor === caseId;
  // A failed read is said by its error; the list under it is what the last good read held.
  return { ready: mine && (status === 'ready' || status === 'error'), error: mine ? error : null, systems, minutes };
}
