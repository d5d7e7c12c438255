import { Box, Button, Center, Group, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UserDraft, userRoles } from '../../../src-main/contract/users';
import type { ApiError } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { fieldErrorsFromZod, type FieldErrors } from '../lib/field-errors';
import { useSessionStore } from '../stores/session';

type Role = (typeof userRoles)[number];

/** First launch: who works on this device. Every change is recorded under this name. */
export function SetupPage() {
  const { t } = useTranslation();
  const createUser = useSessionStore((s) => s.createUser);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('validator');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = UserDraft.safeParse({ name, role });
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await createUser(parsed.data);
    setBusy(false);
    if (!result.ok) setFailure(result.error);
  };

  const fieldError = (field: string) => {
    const error = errors[field];
    return error ? t(`validation.${error.key}`, error.values) : undefined;
  };

  return (
    <Box mih="100vh" p="md">
      <Group justify="flex-end">
        <LanguageSwitch />
      </Group>
      <Center mih="80vh">
        <Paper w={440} p="xl" shadow="xs">
          <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="setup-title">
            <Stack gap="md">
              <div>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('app.name')}
                </Text>
                <Title order={1} id="setup-title">
                  {t('setup.title')}
                </Title>
              </div>
              <Text size="sm" c="dimmed">
                {t('setup.intro')}
              </Text>
              {failure && <ErrorAlert error={failure} />}
              <TextInput
                label={t('setup.name')}
                placeholder={t('setup.namePlaceholder')}
                value={name}
                onChange={(e) => {
                  setName(e.currentTarget.value);
                  setErrors({});
                }}
                error={fieldError('name')}
                withAsterisk
                data-autofocus
                autoFocus
                autoComplete="name"
              />
              <Radio.Group label={t('setup.role')} value={role} onChange={(v) => setRole(v as Role)} withAsterisk>
                <Group gap="lg" mt={6}>
                  {userRoles.map((r) => (
                    <Radio key={r} value={r} label={t(`userRoles.${r}`)} />
                  ))}
                </Group>
              </Radio.Group>
              <Group justify="flex-end">
                <Button type="submit" loading={busy}>
                  {t('setup.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
