import type { MantineColor } from '@mantine/core';
import type { TFunction } from 'i18next';
import { ComplianceAnswer, type TemplateItem } from '../../../src-main/contract/checklist-template';
import type { AnswerValue } from '../../../src-main/contract/runs';
import { complianceColor } from '../theme';
import { formatDate } from './format';
import { localized } from './localized';

/** How an answer reads in the item list's chip: short, coloured by meaning. */
export function answerChip(
  item: TemplateItem,
  value: AnswerValue | null | undefined,
  t: TFunction,
  language: string,
): { label: string; color: MantineColor } | null {
  if (value === null || value === undefined) return null;
  switch (item.answerType) {
    case 'compliance': {
      const parsed = ComplianceAnswer.safeParse(value);
      return parsed.success
        ? { label: t(`compliance.short.${parsed.data}`), color: complianceColor[parsed.data] }
        : { label: String(value), color: 'gray' };
    }
    case 'yes_no':
      return { label: value === true ? t('answers.yes') : t('answers.no'), color: 'blue' };
    case 'date':
      return { label: formatDate(String(value), language) ?? String(value), color: 'blue' };
    case 'choice': {
      const choice = item.choices?.find((c) => c.value === value);
      return { label: choice ? localized(choice.label, language) : String(value), color: 'blue' };
    }
    case 'number':
      return { label: new Intl.NumberFormat(language).format(Number(value)), color: 'blue' };
    case 'text':
      return { label: String(value), color: 'blue' };
  }
}
