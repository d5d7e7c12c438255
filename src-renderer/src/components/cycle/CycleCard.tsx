import { Center, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCycleStore } from '../../stores/certification';
import { usePick } from '../../stores/pick';
import { ErrorAlert } from '../ErrorAlert';
import { AccountManagerPanel } from './AccountManagerPanel';
import { ApplicationPanel } from './ApplicationPanel';
import { AuthorizationPanel } from './AuthorizationPanel';
import { MonitoringPanel } from './MonitoringPanel';

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
    <Paper p="md" component="section" aria-labelledby="cycle-title" data-testid="certification-cycle">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} id="cycle-title">
            {t('cycle.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('cycle.hint')}
          </Text>
        </Stack>
        {!ready ? (
          status === 'error' && error ? (
            <ErrorAlert error={error}>{t('case.loadError')}</ErrorAlert>
          ) : (
            <Center py="md">
              <Loader size="sm" aria-label={t('app.loading')} />
            </Center>
          )
        ) : (
          <Tabs defaultValue="application" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="application" data-testid="cycle-tab-application">
                {t('cycle.tabs.application')}
              </Tabs.Tab>
              <Tabs.Tab value="authorization" data-testid="cycle-tab-authorization">
                {t('cycle.tabs.authorization')}
              </Tabs.Tab>
              <Tabs.Tab value="accountManager" data-testid="cycle-tab-account-manager">
                {t('cycle.tabs.accountManager')}
              </Tabs.Tab>
              <Tabs.Tab value="monitoring" data-testid="cycle-tab-monitoring">
                {t('cycle.tabs.monitoring')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="application" pt="md">
              <ApplicationPanel application={cycle.application} />
            </Tabs.Panel>
            <Tabs.Panel value="authorization" pt="md">
              <AuthorizationPanel state={cycle.authorization} />
            </Tabs.Panel>
            <Tabs.Panel value="accountManager" pt="md">
              <AccountManagerPanel state={cycle.accountManager} />
            </Tabs.Panel>
            <Tabs.Panel value="monitoring" pt="md">
              <MonitoringPanel state={cycle.monitoring} />
            </Tabs.Panel>
          </Tabs>
        )}
      </Stack>
    </Paper>
  );
}
