import { Alert, Badge, Checkbox, Group, List, Loader, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenItem } from '../../../../src-main/contract/open-items';
import { api } from '../../api/client';
import { goToOpenItem } from '../../lib/gate-links';
import { useApiValue } from '../../lib/use-api-value';
import { ErrorAlert } from '../ErrorAlert';

/**
 * What the seal dialog needs to know: whether the check ran, how many items are open and how many of those no
 * override reason can seal over (issue 13's per-rule policy), and the override reason when one is given.
 */
export type PreSealState = { ready: boolean; open: number; blocking: number; overrideReason: string | null };

/**
 * The pre-seal check in the seal dialog: every open item, each a link to where it is fixed (the dialog closes),
 * and, when there are any, "Seal anyway" with a required reason that the sealed report prints.
 */
export function PreSealCheck({ caseId, onState, onNavigate }: { caseId: string; onState: (state: PreSealState) => void; onNavigate: () => void }) {
  const { t, i18n } = useTranslation();
  const { value: items, error } = useApiValue(() => api.reports.preSealCheck({ caseId }), caseId);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');

  const blocking = items?.filter((item) => item.overridable === false).length ?? 0;
  useEffect(() => {
    const text = reason.trim();
    onState({ ready: items !== null, open: items?.length ?? 0, blocking, overrideReason: override && blocking === 0 && text !== '' ? text : null });
  }, [items, blocking, override, reason, onState]);

  if (error) return <ErrorAlert error={error} />;
  if (items === null) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('gates.seal.checking')}</Text>
      </Group>
    );
  }
  if (items.length === 0) {
    return (
      <Text size="sm" c="green.8" data-testid="preseal-clean">
        {t('gates.seal.clean')}
      </Text>
    );
  }
  const label = (item: OpenItem) =>
    t(`gates.seal.items.${item.code}`, {
      ...item.params,
      run: String((i18n.language === 'ru' ? item.params.runRu : item.params.runEn) ?? ''),
    });
  return (
    <Stack gap="xs" data-testid="preseal-check">
      <Alert color={blocking > 0 ? 'red' : 'orange'} variant="light" title={t('gates.seal.openTitle', { count: items.length })}>
        <Text size="sm" mb="xs">
          {blocking > 0 ? t('gates.seal.blockingExplain', { count: blocking }) : t('gates.seal.openExplain')}
        </Text>
        <List size="sm" spacing={2} style={{ maxHeight: 220, overflowY: 'auto' }}>
          {items.map((item, i) => (
            <List.Item key={`${item.code}:${i}`} data-code={item.code} data-overridable={item.overridable !== false}>
              <UnstyledButton
                fz="sm"
                c="blue.8"
                td="underline"
                data-testid="open-item-link"
                onClick={() => {
                  onNavigate();
                  goToOpenItem(caseId, item.target);
                }}
              >
                {label(item)}
              </UnstyledButton>
              {item.overridable === false && (
                <Badge color="red" variant="light" size="xs" ml={6} data-testid="no-override">
                  {t('gates.seal.noOverride')}
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      </Alert>
      <Checkbox
        label={t('gates.seal.override')}
        disabled={blocking > 0}
        checked={override && blocking === 0}
        onChange={(event) => setOverride(event.currentTarget.checked)}
        data-testid="seal-override"
      />
      {override && blocking === 0 && (
        <Textarea
          label={t('gates.seal.overrideReason')}
          description={t('gates.reason.hint')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          required
          data-testid="seal-override-reason"
        />
      )}
    </Stack>
  );
}
