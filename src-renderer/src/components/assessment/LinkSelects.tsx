import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { useLinkOptions } from './link-options';

type Errors = { message(path: string): string | undefined; clear(path: string): void };

/** The two link lists of a risk or a finding: the checklist answers and the evidence it rests on. */
export function LinkSelects({
  links,
  answerIds,
  setAnswerIds,
  evidenceIds,
  setEvidenceIds,
  errors,
  answersDescription,
}: {
  links: ReturnType<typeof useLinkOptions>;
  answerIds: string[];
  setAnswerIds(ids: string[]): void;
  evidenceIds: string[];
  setEvidenceIds(ids: string[]): void;
  errors: Errors;
  answersDescription?: string | undefined;
}) {
  const { t } = useTranslation();
  const common = { searchable: true, clearable: true, nothingFoundMessage: t('assess.common.nothingFound') };
  return (
    <>
      <MultiSelect
        label={t('assess.links.answers')}
        placeholder={answerIds.length === 0 ? t('assess.links.answersPlaceholder') : undefined}
        data={links.answerOptions}
        value={answerIds}
        onChange={(v) => {
          setAnswerIds(v);
          errors.clear('answerIds');
        }}
        error={errors.message('answerIds')}
        description={answersDescription}
        {...common}
      />
      <MultiSelect
        label={t('assess.links.evidence')}
        placeholder={evidenceIds.length === 0 ? t('assess.links.evidencePlaceholder') : undefined}
        data={links.evidenceOptions}
        value={evidenceIds}
        onChange={(v) => {
          setEvidenceIds(v);
          errors.clear('evidenceIds');
        }}
        error={errors.message('evidenceIds')}
        {...common}
      />
    </>
  );
}
