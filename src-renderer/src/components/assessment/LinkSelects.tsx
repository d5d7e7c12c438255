import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { useLinkOptions } from './link-options';

/** What a multi-select needs of its form: `inputProps(path)` of the form kit, or the same three by hand. */
type ListInput = { value?: string[]; onChange(ids: string[]): void; error?: string | undefined };

/** The link lists of a risk or a finding: the checklist answers and the evidence it rests on (a system note: evidence only). */
export function LinkSelects({
  links,
  answers,
  evidence,
  answersDescription,
}: {
  links: ReturnType<typeof useLinkOptions>;
  answers?: ListInput | undefined;
  evidence: ListInput;
  answersDescription?: string | undefined;
}) {
  const { t } = useTranslation();
  const common = { searchable: true, clearable: true, nothingFoundMessage: t('assess.common.nothingFound') };
  return (
    <>
      {answers && (
        <MultiSelect
          label={t('assess.links.answers')}
          placeholder={!answers.value?.length ? t('assess.links.answersPlaceholder') : undefined}
          data={links.answerOptions}
          {...answers}
          description={answersDescription}
          {...common}
        />
      )}
      <MultiSelect
        label={t('assess.links.evidence')}
        placeholder={!evidence.value?.length ? t('assess.links.evidencePlaceholder') : undefined}
        data={links.evidenceOptions}
        {...evidence}
        {...common}
      />
    </>
  );
}
