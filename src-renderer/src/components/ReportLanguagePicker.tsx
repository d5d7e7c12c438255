import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { reportLanguages, type ReportLanguage } from '../../../src-main/contract/cases';

/** A chosen value as a report language: the controls offer only the two, and English is the default. */
export const asReportLanguage = (value: string | null): ReportLanguage => (value === 'ru' ? 'ru' : 'en');

/** The report languages as choices, each named in the page's language. */
export function useReportLanguageOptions() {
  const { t } = useTranslation();
  return reportLanguages.map((l) => ({ value: l, label: t(`assess.report.languages.${l}`) }));
}

/** Which language a report or a sealed bundle's PDFs print in: a visible label over the two choices. */
export function ReportLanguagePicker({
  id,
  label,
  value,
  onChange,
  disabled,
  testId,
}: {
  /** The label's id, which names the control for assistive tech. */
  id: string;
  label: string;
  value: ReportLanguage;
  onChange(lang: ReportLanguage): void;
  disabled?: boolean;
  testId?: string;
}) {
  const options = useReportLanguageOptions();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        value={value}
        onChange={(v) => onChange(asReportLanguage(v))}
        disabled={disabled}
        data={options}
        w="fit-content"
        data-testid={testId}
      />
    </Stack>
  );
}
