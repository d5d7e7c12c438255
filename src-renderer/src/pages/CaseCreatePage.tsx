import {
  Alert,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { aeoTypes, reportLanguages } from '../../../src-main/contract/cases';
import { operatorRoles, type Operator } from '../../../src-main/contract/operators';
import { api, type ApiError } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import {
  emptyCaseForm,
  operatorFields,
  resolveServerPath,
  validateCaseForm,
  type CaseFormState,
  type OperatorMode,
} from '../lib/case-form';
import { fieldErrorsFromServer, type FieldErrors } from '../lib/field-errors';
import { useCasesStore } from '../stores/cases';
import { useRouteStore } from '../stores/route';
import { useSessionStore } from '../stores/session';

export function CaseCreatePage() {
  const { t, i18n } = useTranslation();
  const user = useSessionStore((s) => s.currentUser);
  const navigate = useRouteStore((s) => s.navigate);
  const showCreated = useCasesStore((s) => s.showCreated);
  const [form, setForm] = useState<CaseFormState>(() => emptyCaseForm(user?.name ?? '', i18n.language === 'ru' ? 'ru' : 'en'));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [operators, setOperators] = useState<Operator[]>([]);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let live = true;
    void api.operators.list({}).then((result) => {
      if (live && result.ok) setOperators(result.value);
    });
    return () => {
      live = false;
    };
  }, []);

  // After a failed submit, take the keyboard to the first field that needs attention.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  // Editing a field clears its message; the rest stay until the next submit.
  const set = <K extends keyof CaseFormState>(key: K, value: CaseFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    const path = operatorFields.includes(key) ? `newOperator.${key}` : key;
    setErrors((current) => {
      if (!(path in current)) return current;
      const next = { ...current };
      delete next[path];
      return next;
    });
  };

  const err = (path: string) => {
    const e = errors[path];
    return e ? t(`validation.${e.key}`, e.values) : undefined;
  };

  const operatorOptions = useMemo(
    () => operators.map((o) => ({ value: o.id, label: `${o.legalName} · ${o.identificationNumber}` })),
    [operators],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validateCaseForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await api.cases.create(checked.draft);
    setBusy(false);
    if (result.ok) {
      showCreated(result.value);
      navigate({ name: 'case', id: result.value.id });
      return;
    }
    const { fields } = fieldErrorsFromServer(result.error.issues ?? [], resolveServerPath(form.operatorMode));
    setErrors(fields);
    if (Object.keys(fields).length === 0) setFailure(result.error);
    setAttempt((n) => n + 1);
  };

  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-title">
      <Stack gap="md" maw={980}>
        <Group justify="space-between" align="flex-end">
          <Title order={1} id="create-title">
            {t('create.title')}
          </Title>
        </Group>

        {hasErrors && (
          <Alert color="red" variant="light" role="alert" data-testid="form-errors">
            {t('create.fixErrors')}
          </Alert>
        )}
        {failure && <ErrorAlert error={failure} />}

        <Paper>
          <Title order={2} mb="sm">
            {t('create.sectionCase')}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('create.caseNumber')}
                placeholder={t('create.caseNumberPlaceholder')}
                value={form.caseNumber}
                onChange={(e) => set('caseNumber', e.currentTarget.value)}
                error={err('caseNumber')}
                withAsterisk
                autoFocus
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Select
                label={t('create.aeoType')}
                placeholder={t('create.aeoTypePlaceholder')}
                data={aeoTypes.map((type) => ({ value: type, label: t(`aeoTypes.${type}`) }))}
                value={form.aeoType}
                onChange={(value) => set('aeoType', value)}
                error={err('aeoType')}
                withAsterisk
                allowDeselect={false}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('create.leadValidator')}
                value={form.leadValidator}
                onChange={(e) => set('leadValidator', e.currentTarget.value)}
                error={err('leadValidator')}
                withAsterisk
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TagsInput
                label={t('create.team')}
                placeholder={t('create.teamPlaceholder')}
                value={form.team}
                onChange={(value) => set('team', value)}
                error={err('team')}
                clearable
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                type="date"
                label={t('create.openedOn')}
                value={form.openedOn}
                onChange={(e) => set('openedOn', e.currentTarget.value)}
                error={err('openedOn')}
                withAsterisk
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                type="date"
                label={t('create.dueOn')}
                value={form.dueOn}
                onChange={(e) => set('dueOn', e.currentTarget.value)}
                error={err('dueOn')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label={t('create.reportLanguage')}
                description={t('create.reportLanguageHint')}
                data={reportLanguages.map((l) => ({ value: l, label: t(`assess.report.languages.${l}`) }))}
                value={form.reportLanguage}
                onChange={(value) => value && set('reportLanguage', value === 'ru' ? 'ru' : 'en')}
                error={err('reportLanguage')}
                allowDeselect={false}
                data-testid="report-language"
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea
                label={t('create.notes')}
                value={form.notes}
                onChange={(e) => set('notes', e.currentTarget.value)}
                error={err('notes')}
                autosize
                minRows={2}
                maxRows={6}
              />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper>
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2}>{t('create.sectionOperator')}</Title>
            <SegmentedControl
              size="xs"
              aria-label={t('create.operatorMode')}
              value={form.operatorMode}
              onChange={(value) => set('operatorMode', value as OperatorMode)}
              data={[
                { value: 'new', label: t('create.newOperator') },
                { value: 'existing', label: t('create.existingOperator') },
              ]}
              data-testid="operator-mode"
            />
          </Group>

          {form.operatorMode === 'existing' ? (
            <Select
              label={t('create.operator')}
              placeholder={t('create.operatorPlaceholder')}
              data={operatorOptions}
              value={form.operatorId}
              onChange={(value) => set('operatorId', value)}
              error={err('operatorId')}
              nothingFoundMessage={t('create.operatorNothingFound')}
              searchable
              clearable
              withAsterisk
            />
          ) : (
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <TextInput
                  label={t('create.legalName')}
                  value={form.legalName}
                  onChange={(e) => set('legalName', e.currentTarget.value)}
                  error={err('newOperator.legalName')}
                  withAsterisk
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('create.identificationNumber')}
                  value={form.identificationNumber}
                  onChange={(e) => set('identificationNumber', e.currentTarget.value)}
                  error={err('newOperator.identificationNumber')}
                  withAsterisk
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <MultiSelect
                  label={t('create.roles')}
                  placeholder={form.roles.length === 0 ? t('create.rolesPlaceholder') : undefined}
                  data={operatorRoles.map((role) => ({ value: role, label: t(`operatorRoles.${role}`) }))}
                  value={form.roles}
                  onChange={(value) => set('roles', value)}
                  error={err('newOperator.roles')}
                  withAsterisk
                  clearable
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput
                  label={t('create.address')}
                  value={form.address}
                  onChange={(e) => set('address', e.currentTarget.value)}
                  error={err('newOperator.address')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('create.contactPerson')}
                  value={form.contactPerson}
                  onChange={(e) => set('contactPerson', e.currentTarget.value)}
                  error={err('newOperator.contactPerson')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  type="tel"
                  label={t('create.phone')}
                  value={form.phone}
                  onChange={(e) => set('phone', e.currentTarget.value)}
                  error={err('newOperator.phone')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  type="email"
                  label={t('create.email')}
                  value={form.email}
                  onChange={(e) => set('email', e.currentTarget.value)}
                  error={err('newOperator.email')}
                />
              </Grid.Col>
            </Grid>
          )}
        </Paper>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component="a" href="#/cases">
            {t('create.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
