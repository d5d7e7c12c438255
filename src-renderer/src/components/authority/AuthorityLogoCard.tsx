import { Box, Button, FileButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuingAuthority } from '../../../../src-main/contract/authority';
import type { Result } from '../../../../src-main/contract/result';
import type { ApiError } from '../../api/client';
import { ownIssueError } from '../../lib/field-errors';
import { useAuthorityStore } from '../../stores/authority';
import { usePick } from '../../stores/pick';
import { ErrorAlert } from '../ErrorAlert';
import { IconTrash, IconUpload } from '../icons';
import { SectionHeader } from '../kit/Section';

/**
 * The authority's logo: a preview of what the reports print, a file picker (PNG or SVG; the file goes to the
 * service as a token or an upload, never as a path) and removal. A refused file says why under the picker.
 */
export function AuthorityLogoCard() {
  const { t } = useTranslation();
  const { authority, logo, importLogo, removeLogo } = usePick(useAuthorityStore, 'authority', 'logo', 'importLogo', 'removeLogo');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const stored = authority?.logo ?? null;

  const run = async (change: () => Promise<Result<IssuingAuthority>>) => {
    setBusy(true);
    setFailure(null);
    const result = await change();
    setBusy(false);
    if (!result.ok) setFailure(result.error);
  };
  // The service names a refused file by a code (wrong type, too large, reaching outside itself): shown as text.
  const refused = failure ? ownIssueError(failure.issues) : null;

  return (
    <Paper p="md" component="section" aria-labelledby="authority-logo-title" data-testid="authority-logo">
      <Stack gap="sm">
        <SectionHeader id="authority-logo-title" title={t('authority.logo.title')} hint={t('authority.logo.hint')} />
        <Group align="center" gap="lg" wrap="wrap">
          <Box
            w={220}
            h={110}
            p="xs"
            style={{
              border: '1px dashed var(--mantine-color-gray-4)',
              borderRadius: 'var(--mantine-radius-sm)',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
            }}
          >
            {stored && logo ? (
              <Image src={logo} alt={t('authority.logo.alt')} fit="contain" mah={94} maw={204} data-testid="authority-logo-preview" />
            ) : (
              <Text size="xs" c="dimmed" ta="center" data-testid="authority-no-logo">
                {t('authority.logo.none')}
              </Text>
            )}
          </Box>
          <Stack gap={6}>
            {stored && (
              <Text size="sm" c="dimmed" data-testid="authority-logo-details">
                {t('authority.logo.details', { type: stored.originalType.toUpperCase(), width: stored.width, height: stored.height })}
              </Text>
            )}
            <Group gap="xs">
              <FileButton
                accept="image/png,image/svg+xml,.png,.svg"
                inputProps={{ 'data-testid': 'authority-logo-input' } as object}
                onChange={(file) => file && void run(() => importLogo(file))}>
                {(props) => (
                  <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} />} loading={busy} data-testid="authority-logo-choose">
                    {stored ? t('authority.logo.replace') : t('authority.logo.choose')}
                  </Button>
                )}
              </FileButton>
              {stored && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => void run(removeLogo)}
                  disabled={busy}
                  data-testid="authority-logo-remove"
                >
                  {t('authority.logo.remove')}
                </Button>
              )}
            </Group>
          </Stack>
        </Group>
        {refused ? (
          <Text size="sm" c="red.8" role="alert" data-testid="authority-logo-error">
            {t(`validation.${refused.key}`, refused.values)}
          </Text>
        ) : (
          failure && <ErrorAlert error={failure} />
        )}
      </Stack>
    </Paper>
  );
}
