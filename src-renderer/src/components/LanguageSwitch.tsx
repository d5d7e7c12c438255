import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from '../i18n';
import { useLocaleStore } from '../stores/locale';
import { usePick } from '../stores/pick';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = usePick(useLocaleStore, 'language', 'setLanguage');
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={language}
      onChange={(value) => isLanguage(value) && setLanguage(value)}
      data={languages.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
    />
  );
}
