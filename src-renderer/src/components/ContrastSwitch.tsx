import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { effectiveContrast, useAppearanceStore } from '../stores/appearance';
import { IconSun } from './icons';

/** The header's toggle for the outdoor (high-contrast) look: a pressed button while it is on. */
export function ContrastSwitch() {
  const { t } = useTranslation();
  const mode = useAppearanceStore(effectiveContrast);
  const choose = useAppearanceStore((s) => s.choose);
  const outdoor = mode === 'outdoor';
  return (
    <Button
      size="xs"
      variant={outdoor ? 'filled' : 'default'}
      aria-pressed={outdoor}
      title={t('a11y.outdoorHint')}
      leftSection={<IconSun size={14} />}
      onClick={() => choose(outdoor ? 'standard' : 'outdoor')}
      data-testid="contrast-switch"
    >
      {t('a11y.outdoor')}
    </Button>
  );
}
