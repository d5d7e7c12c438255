import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrustImportResult } from '../../../../src-main/contract/trust';

export type TrustQuestion = Extract<TrustImportResult, { outcome: 'needs_confirmation' }>;

/**
 * The first trust list on a device vouches for itself: anyone can sign a list naming their own key as HQ. So
 * before it is installed the user compares the signing HQ key's fingerprint with the one HQ gave them out of band
 * (as Signal asks to compare safety numbers).
 */
export function TrustFingerprintConfirm(props: {
  question: TrustQuestion | null;
  busy: boolean;
  onConfirm(fingerprint: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { question } = props;
  const signer = question?.signedBy[0];
  return (
    <Modal
      opened={question !== null}
      onClose={props.onCancel}
      title={t('sync.trust.confirmTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {question && signer && (
        <Stack gap="sm" data-testid="trust-confirm">
          <Text size="sm">{t('sync.trust.confirmExplain', { version: question.version, issuer: question.issuer })}</Text>
          {question.signedBy.map((k) => (
            <Stack key={k.keyId} gap={2}>
              <Text size="sm" fw={500}>
                {t('sync.trust.confirmSignedBy', { name: k.name })}
              </Text>
              <Code block fz="md" style={{ whiteSpace: 'normal', wordSpacing: '0.3em' }} data-testid="trust-confirm-fingerprint">
                {k.fingerprint}
              </Code>
            </Stack>
          ))}
          <Alert color="yellow" variant="light">
            {t('sync.trust.confirmWarning')}
          </Alert>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onCancel} disabled={props.busy} data-testid="trust-confirm-cancel">
              {t('common.cancel')}
            </Button>
            <Button onClick={() => props.onConfirm(signer.fingerprint)} loading={props.busy} data-testid="trust-confirm-install">
              {t('sync.trust.confirmInstall')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
