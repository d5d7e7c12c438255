import { Box, Button, Center, Group, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UserDraft, userRoles } from '../../../src-main/contract/users';
import { FormIssues } from '../components/FormIssues';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useDraftForm } from '../lib/draft-form';
import { useSessionStore } from '../stores/session';

type Role = (typeof userRoles)[number];

/** First launch: who works on this device. Every change is recorded under this name. */
export function SetupPage() {
  const { t } = useTranslation();
  const createUser = useSessionStore((s) => s.createUser);
  // Checked with the contract's UserDraft before it is sent; what the service refuses lands on the same fields.
  const draft = useDraftForm({ initialValues: { name: '', role: 'validator' as Role }, schema: UserDraft, toDraft: (v) => v });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Once the user exists the app leaves this page (the session store holds the current user).
    void draft.submit(createUser, () => undefined);
  };

  return (
    <Box mih="100vh" p="md">
      <Group justify="flex-end">
        <LanguageSwitch />
      </Group>
      <Center mih="80vh">
        <Paper w={440} p="xl" shadow="xs">
          <form onSubmit={submit} noValidate aria-labelledby="setup-title">
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
              <FormIssues {...draft.issues} />
              <TextInput
                label={t('setup.name')}
                placeholder={t('setup.namePlaceholder')}
                {...draft.inputProps('name')}
                withAsterisk
                data-autofocus
                autoFocus
                autoComplete="name"
              />
              <Radio.Group label={t('setup.role')} {...draft.inputProps('role')} withAsterisk>
                <Group gap="lg" mt={6}>
                  {userRoles.map((r) => (
                    <Radio key={r} value={r} label={t(`userRoles.${r}`)} />
                  ))}
                </Group>
              </Radio.Group>
              <Group justify="flex-end">
                <Button type="submit" loading={draft.busy}>
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
