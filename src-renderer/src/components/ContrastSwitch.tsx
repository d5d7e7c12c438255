import { Box, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { effectiveContrast, useAppearanceStore } from '../stores/appearance';
import { IconSun } from './icons';

/**
 * The header's toggle for the outdoor (high-contrast) look: a pressed button while it is on. In a narrow window
 * (a small screen, 200% zoom) only its sun icon shows; its name stays the same.
 */
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
      aria-label={t('a11y.outdoor')}
      data-testid="contrast-switch"
    >
      <Box component="span" visibleFrom="sm">
        {t('a11y.outdoor')}
      </Box>
    </Button>
  );
}
