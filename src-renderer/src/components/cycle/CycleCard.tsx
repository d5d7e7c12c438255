import { Tabs } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCycleStore, type Cycle } from '../../stores/certification';
import { usePick } from '../../stores/pick';
import { NotReady } from '../kit/NotReady';
import { AccountManagerPanel } from './AccountManagerPanel';
import { ApplicationPanel } from './ApplicationPanel';
import { AuthorizationPanel } from './AuthorizationPanel';
import { MonitoringPanel } from './MonitoringPanel';
import { Panel } from '../kit/Section';

type Stage = { value: 'application' | 'authorization' | 'accountManager' | 'monitoring'; testId: string; panel(cycle: Cycle): ReactNode };

/** The stages of the cycle, one tab each, in the order a case goes through them. */
const stages: readonly Stage[] = [
  { value: 'application', testId: 'application', panel: (c) => <ApplicationPanel application={c.application} /> },
  { value: 'authorization', testId: 'authorization', panel: (c) => <AuthorizationPanel state={c.authorization} /> },
  { value: 'accountManager', testId: 'account-manager', panel: (c) => <AccountManagerPanel state={c.accountManager} /> },
  { value: 'monitoring', testId: 'monitoring', panel: (c) => <MonitoringPanel state={c.monitoring} /> },
];

/**
 * The certification cycle around the nine steps (seed 000): the application before them, the decision, the account
 * manager and monitoring after them. On the case page under the step being worked on, one tab per stage.
 */
export function CycleCard({ caseId, refreshKey }: { caseId: string; refreshKey: string }) {
  const { t } = useTranslation();
  const { cycle, status, error, load } = usePick(useCycleStore, 'cycle', 'status', 'error', 'load');
  // The case's own changes (a seal, a new type) reload the cycle: the decision depends on them.
  useEffect(() => {
    void load(caseId);
  }, [caseId, refreshKey, load]);
  const ready = cycle && cycle.application.caseId === caseId;
  return (
    <Panel id="certification-cycle" title={t('cycle.title')} hint={t('cycle.hint')}>
      {!ready ? (
        <NotReady status={status} error={error} failed={t('case.loadError')} />
      ) : (
        <Tabs defaultValue="application" keepMounted={false}>
          <Tabs.List>
            {stages.map((stage) => (
              <Tabs.Tab key={stage.value} value={stage.value} data-testid={`cycle-tab-${stage.testId}`}>
                {t(`cycle.tabs.${stage.value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {stages.map((stage) => (
            <Tabs.Panel key={stage.value} value={stage.value} pt="md">
              {stage.panel(cycle)}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Panel>
  );
}
