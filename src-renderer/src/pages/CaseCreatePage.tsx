import { Alert, Button, Group, Paper, SegmentedControl, Stack, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { aeoTypes } from '../../../src-main/contract/cases';
import { operatorRoles, type Operator } from '../../../src-main/contract/operators';
import { api, type ApiError } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormFields, optionsOf } from '../components/kit/FormFields';
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
import { asReportLanguage, useReportLanguageOptions } from '../components/ReportLanguagePicker';

/** Grid shares of the form's rows: a short field beside a long one. */
const third = { base: 12, sm: 4 };
const twoThirds = { base: 12, sm: 8 };

/** Where a field's message lives: the operator's fields are the contract's `newOperator.*`. */
const errorPathOf = (key: keyof CaseFormState): string => (operatorFields.includes(key) ? `newOperator.${key}` : key);

const isChangeEvent = (input: unknown): input is { currentTarget: { value: string } } =>
  typeof input === 'object' && input !== null && 'currentTarget' in input;

export function CaseCreatePage() {
  const { t, i18n } = useTranslation();
  const user = useSessionStore((s) => s.currentUser);
  const navigate = useRouteStore((s) => s.navigate);
  const showCreated = useCasesStore((s) => s.showCreated);
  const languages = useReportLanguageOptions();
  const [form, setForm] = useState<CaseFormState>(() => emptyCaseForm(user?.name ?? '', asReportLanguage(i18n.language)));
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

  // The page opens on the first field, as a dialog does on its data-autofocus field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);

  // After a failed submit, take the keyboard to the first field that needs attention.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  // Editing a field clears its message; the rest stay until the next submit.
  const set = <K extends keyof CaseFormState>(key: K, value: CaseFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    const path = errorPathOf(key);
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

  // The kit's fields (FormFields) over this page's own state: the value, the setter, the message in the page's language.
  const inputProps = (name: keyof CaseFormState) => ({
    value: form[name],
    onChange: (input: unknown) => set(name, (isChangeEvent(input) ? input.currentTarget.value : input) as never),
    error: err(errorPathOf(name)),
  });

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
          <FormFields
            form={{ inputProps }}
            fields={[
              {
                spans: [third, twoThirds, third, twoThirds, third, third, third, 12],
                row: [
                  { kind: 'text', name: 'caseNumber', label: t('create.caseNumber'), placeholder: t('create.caseNumberPlaceholder'), required: true, autofocus: true },
                  {
                    kind: 'select',
                    name: 'aeoType',
                    label: t('create.aeoType'),
                    placeholder: t('create.aeoTypePlaceholder'),
                    options: optionsOf(aeoTypes, (type) => t(`aeoTypes.${type}`)),
                    required: true,
                  },
                  { kind: 'text', name: 'leadValidator', label: t('create.leadValidator'), required: true },
                  { kind: 'tags', name: 'team', label: t('create.team'), placeholder: t('create.teamPlaceholder'), clearable: true },
                  { kind: 'date', name: 'openedOn', label: t('create.openedOn'), required: true },
                  { kind: 'date', name: 'dueOn', label: t('create.dueOn') },
                  {
                    kind: 'select',
                    name: 'reportLanguage',
                    label: t('create.reportLanguage'),
                    description: t('create.reportLanguageHint'),
                    options: languages,
                    testId: 'report-language',
                  },
                  { kind: 'textarea', name: 'notes', label: t('create.notes'), maxRows: 6 },
                ],
              },
            ]}
          />
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

          <FormFields
            form={{ inputProps }}
            fields={
              form.operatorMode === 'existing'
                ? [
                    {
                      kind: 'select',
                      name: 'operatorId',
                      label: t('create.operator'),
                      placeholder: t('create.operatorPlaceholder'),
                      options: operatorOptions,
                      nothingFound: t('create.operatorNothingFound'),
                      searchable: true,
                      clearable: true,
                      required: true,
                    },
                  ]
                : [
                    {
                      spans: [twoThirds, third, 12, 12, third, third, third],
                      row: [
                        { kind: 'text', name: 'legalName', label: t('create.legalName'), required: true },
                        { kind: 'text', name: 'identificationNumber', label: t('create.identificationNumber'), required: true },
                        {
                          kind: 'multiselect',
                          name: 'roles',
                          label: t('create.roles'),
                          placeholder: form.roles.length === 0 ? t('create.rolesPlaceholder') : undefined,
                          options: optionsOf(operatorRoles, (role) => t(`operatorRoles.${role}`)),
                          required: true,
                          clearable: true,
                        },
                        { kind: 'text', name: 'address', label: t('create.address') },
                        { kind: 'text', name: 'contactPerson', label: t('create.contactPerson') },
                        { kind: 'tel', name: 'phone', label: t('create.phone') },
                        { kind: 'email', name: 'email', label: t('create.email') },
                      ],
                    },
                  ]
            }
          />
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
