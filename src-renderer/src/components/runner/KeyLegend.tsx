import { Group, Kbd, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateItem } from '../../../../src-main/contract/checklist-template';
import { keyCaps } from '../../lib/keys';

function Entry({ keys, children }: { keys: ReactNode; children: ReactNode }) {
  return (
    <Group gap={4} wrap="nowrap">
      {keys}
      <Text size="xs" c="dimmed">
        {children}
      </Text>
    </Group>
  );
}

/** The runner's keys, for the current item's answer type. */
export function KeyLegend({ item }: { item: TemplateItem | null }) {
  const { t } = useTranslation();
  const type = item?.answerType;
  const k = (cap: string) => <Kbd size="xs">{cap}</Kbd>;
  return (
    <Group wrap="wrap" px="sm" py={6} style={{ rowGap: 4, columnGap: 14 }} data-testid="key-legend" aria-label={t('keys.title')} role="note">
      {type === 'compliance' && <Entry keys={<>{k('1')}–{k('5')}</>}>{t('keys.scale')}</Entry>}
      {type === 'yes_no' && <Entry keys={<>{k('Y')}{k('N')}</>}>{t('keys.yesNo')}</Entry>}
      {type === 'choice' && <Entry keys={<>{k('1')}–{k('9')}</>}>{t('keys.choice')}</Entry>}
      {(type === 'text' || type === 'number' || type === 'date') && <Entry keys={k(keyCaps.enter)}>{t('keys.type')}</Entry>}
      <Entry keys={<>{k('J')}{k('K')}{k(keyCaps.down)}{k(keyCaps.up)}</>}>{t('keys.move')}</Entry>
      <Entry keys={type === 'yes_no' ? <>{k(keyCaps.shift)}{k('N')}</> : k('N')}>{t('keys.note')}</Entry>
      <Entry keys={k('E')}>{t('keys.attach')}</Entry>
      <Entry keys={k(keyCaps.escape)}>{t('keys.back')}</Entry>
    </Group>
  );
}
