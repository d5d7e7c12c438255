import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StepStatus } from '../../../src-main/contract/cases';
import { stepStatusColor } from '../theme';

export function StepStatusBadge({ status, ...props }: { status: StepStatus } & Omit<BadgeProps, 'color' | 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge color={stepStatusColor[status]} data-status={status} {...props}>
      {t(`stepStatus.${status}`)}
    </Badge>
  );
}
