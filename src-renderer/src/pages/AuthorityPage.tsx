import { Paper, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthorityPatch, type IssuingAuthority } from '../../../src-main/contract/authority';
import { AuthorityLogoCard } from '../components/authority/AuthorityLogoCard';
import { FormSectionTitle } from '../components/kit/FormDialog';
import { InlineForm } from '../components/kit/InlineForm';
import { Page } from '../components/kit/PageHeader';
import { NotReady } from '../components/kit/NotReady';
import { useDraftForm } from '../lib/draft-form';
import { patternExample } from '../lib/registration-example';
import { useAuthorityStore } from '../stores/authority';
import { usePick } from '../stores/pick';

/** Every IANA zone the runtime knows (what the service checks against), UTC first. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...known])];
}

/**
 * The issuing customs authority (one per device, for every case): its name and address in both working
 * languages, the legal basis, the numbering pattern, the confidentiality marking, the time zone, and the logo.
 */
export function AuthorityPage() {
  const { t } = useTranslation();
  const { authority, status, error, load } = usePick(useAuthorityStore, 'authority', 'status', 'error', 'load');
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Page maw={1100} title={t('authority.title')} intro={t('authority.intro')}>
      {authority ? (
        <>
          {/* Keyed by what is stored, so the form starts from the saved settings after each save. */}
          <AuthorityForm key={JSON.stringify({ ...authority, logo: null })} authority={authority} />
          <AuthorityLogoCard />
        </>
      ) : (
        <NotReady status={status} error={error} failed={t('authority.loadError')} py="xl" />
      )}
    </Page>
  );
}

/** The fields kept in both working languages. */
type Bilingual = 'name' | 'address' | 'legalBasis' | 'confidentialityMarking';

function AuthorityForm({ authority }: { authority: IssuingAuthority }) {
  const { t } = useTranslation();
  const update = useAuthorityStore((s) => s.update);
  const { form, inputProps, submit, busy, issues, isDirty, values } = useDraftForm({
    initialValues: {
      name: { ...authority.name },
      address: { ...authority.address },
      legalBasis: { ...authority.legalBasis },
      confidentialityMarking: { ...authority.confidentialityMarking },
      registrationPattern: authority.registrationPattern,
      timeZone: authority.timeZone as string | null,
    },
    schema: AuthorityPatch,
    toDraft: (v) => ({ ...v, timeZone: v.timeZone ?? '' }),
  });
  /** A field in both languages, side by side (stacked on a narrow screen). */
  const pair = (field: Bilingual, multiline = false) => {
    const Input = multiline ? Textarea : TextInput;
    const label = t(`authority.fields.${field}`);
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {(['en', 'ru'] as const).map((lang) => (
          <Input
            key={lang}
            label={t(`authority.in.${lang}`, { field: label })}
            {...(multiline ? { autosize: true, minRows: 2, maxRows: 8 } : {})}
            {...inputProps(`${field}.${lang}`)}
            data-testid={`authority-${field}-${lang}`}
          />
        ))}
      </SimpleGrid>
    );
  };
  const example = patternExample(values.registrationPattern);
  return (
    <Paper p="md" component="section" aria-label={t('authority.title')}>
      <InlineForm
        onSubmit={() => submit((draft) => update(draft), () => form.resetDirty())}
        busy={busy}
        dirty={isDirty()}
        errors={issues}
        saveLabel={t('authority.save')}
        saveTestId="save-authority"
      >
        <FormSectionTitle>{t('authority.sections.identity')}</FormSectionTitle>
        {pair('name')}
        {pair('address', true)}
        <FormSectionTitle>{t('authority.sections.legalBasis')}</FormSectionTitle>
        {pair('legalBasis', true)}
        <FormSectionTitle hint={t('authority.markingHint')}>{t('authority.sections.printing')}</FormSectionTitle>
        {pair('confidentialityMarking')}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <TextInput
            label={t('authority.fields.registrationPattern')}
            description={example ? t('authority.patternExample', { example }) : t('authority.patternTokens')}
            {...inputProps('registrationPattern')}
            data-testid="authority-pattern"
          />
          <Select
            label={t('authority.fields.timeZone')}
            description={t('authority.timeZoneHint')}
            data={timeZones(authority.timeZone)}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('authority.noTimeZone')}
            {...inputProps('timeZone')}
            data-testid="authority-time-zone"
          />
        </SimpleGrid>
      </InlineForm>
    </Paper>
  );
}
