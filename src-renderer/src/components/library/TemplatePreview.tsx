import { Badge, Box, Code, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../src-main/contract/result';
import type { StoredTemplate, TemplateSummary } from '../../../../src-main/contract/templates';
import { localized } from '../../lib/localized';
import { fetchTemplate } from '../../stores/templates';
import { ErrorAlert } from '../ErrorAlert';
import { stepName } from '../plan/PlanModals';

/** One template as the validator will meet it: run fields, sections, items with their tips and criteria. */
export function TemplatePreview({ summary, onClose }: { summary: TemplateSummary | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [loaded, setLoaded] = useState<{ rowId: string; result: Result<StoredTemplate> } | null>(null);

  useEffect(() => {
    if (!summary) return;
    let live = true;
    void fetchTemplate(summary.templateId, summary.version).then((result) => {
      if (live) setLoaded({ rowId: summary.rowId, result });
    });
    return () => {
      live = false;
    };
  }, [summary]);

  const result = summary && loaded?.rowId === summary.rowId ? loaded.result : null;

  return (
    <Drawer
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={summary !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={summary ? localized(summary.title, language) : ''}
      data-testid="template-preview"
    >
      {summary && !result && <Loader size="sm" aria-label={t('app.loading')} />}
      {result && !result.ok && <ErrorAlert error={result.error} />}
      {result && result.ok && (
        <Stack gap="md" data-testid="template-preview-body">
          <Group gap={6}>
            <Code>{summary?.templateId}</Code>
            <Badge color="gray" variant="outline">
              {t('runner.version', { n: result.value.template.version })}
            </Badge>
            <Badge color="indigo">{t('library.stepGroup', { n: result.value.template.step, name: stepName(result.value.template.step, t) })}</Badge>
          </Group>
          {result.value.template.description && (
            <Text size="sm">{localized(result.value.template.description, language)}</Text>
          )}
          <Text size="xs" c="dimmed">
            {t('library.source', { source: result.value.template.source })}
          </Text>
          {result.value.template.runMetadata.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('runs.metadata')}
              </Text>
              <Group gap={6}>
                {result.value.template.runMetadata.map((field) => (
                  <Badge key={field.id} color="gray" variant={field.required ? 'light' : 'outline'}>
                    {localized(field.label, language)}
                  </Badge>
                ))}
              </Group>
            </Stack>
          )}
          {result.value.template.sections.map((section, s) => (
            <Stack key={section.id} gap={6} component="section">
              <Title order={3}>{`${s + 1}. ${localized(section.title, language)}`}</Title>
              {section.items.map((item, i) => (
                <Box
                  key={item.id}
                  pl="sm"
                  py={4}
                  style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}
                  data-testid="preview-item"
                >
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Text size="xs" c="dimmed" w={34} style={{ flexShrink: 0 }}>
                      {`${s + 1}.${i + 1}`}
                    </Text>
                    <Stack gap={2} style={{ flex: 1 }}>
                      <Text size="sm" fw={500}>
                        {localized(item.prompt, language)}
                      </Text>
                      <Group gap={4}>
                        <Badge size="xs" color="blue" variant="light">
                          {t(`answerTypes.${item.answerType}`)}
                        </Badge>
                        {item.evidenceRequired && (
                          <Badge size="xs" color="orange" variant="light">
                            {t('runner.evidenceRequired')}
                          </Badge>
                        )}
                        {item.optional && (
                          <Badge size="xs" color="gray" variant="outline">
                            {t('runner.optional')}
                          </Badge>
                        )}
                        {item.criteria.wco.map((letter) => (
                          <Badge key={letter} size="xs" color="indigo" variant="outline" title={t(`wcoCriteria.${letter}`)}>
                            {`${t('runner.wco')} ${letter}`}
                          </Badge>
                        ))}
                        {item.criteria.ctpat && (
                          <Badge size="xs" color="cyan" variant="outline">
                            {`${t('runner.ctpat')} ${item.criteria.ctpat}`}
                          </Badge>
                        )}
                        {item.criteria.euSaq && (
                          <Badge size="xs" color="grape" variant="outline">
                            {`${t('runner.euSaq')} ${item.criteria.euSaq}`}
                          </Badge>
                        )}
                      </Group>
                      {item.guidance && (
                        <Text size="xs" c="dimmed" lh={1.45}>
                          {localized(item.guidance, language)}
                        </Text>
                      )}
                    </Stack>
                  </Group>
                </Box>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Drawer>
  );
}
