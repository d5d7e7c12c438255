import { Autocomplete, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../../src-main/contract/checklist-template';
import { localized } from '../../lib/localized';

export type MetadataField = ChecklistTemplate['runMetadata'][number];

/** What a form gives one input: Mantine's `getInputProps` with the message already in the page's language. */
type InputProps = { value?: unknown; onChange: (value: string) => void; onBlur?: () => void; error?: string | undefined };

/**
 * The run fields of a template, two to a row (the new-run dialog and the run header's details). A field's value
 * and error live at `metadata.<id>`, the path the contract reports them under.
 */
export function MetadataFields({
  fields,
  people,
  inputProps,
}: {
  fields: readonly MetadataField[];
  people: string[];
  inputProps: (path: `metadata.${string}`) => InputProps;
}) {
  const { i18n } = useTranslation();
  return (
    <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
      {fields.map((field) => {
        const props = inputProps(`metadata.${field.id}`);
        return (
          <MetadataInput
            key={field.id}
            field={field}
            language={i18n.language}
            people={people}
            value={typeof props.value === 'string' ? props.value : ''}
            error={props.error}
            onChange={props.onChange}
            {...(props.onBlur ? { onBlur: props.onBlur } : {})}
          />
        );
      })}
    </SimpleGrid>
  );
}

/** One run field: text, date, time, a choice (the container type), or a person (suggesting the case's team). */
function MetadataInput({
  field,
  language,
  people,
  value,
  error,
  onChange,
  onBlur,
  size = 'sm',
}: {
  field: MetadataField;
  language: string;
  people: string[];
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  onBlur?: () => void;
  size?: 'xs' | 'sm';
}) {
  const label = localized(field.label, language);
  if (field.choices) {
    return (
      <Select
        size={size}
        label={label}
        data={field.choices.map((c) => ({ value: c.value, label: localized(c.label, language) }))}
        value={value === '' ? null : value}
        onChange={(next) => onChange(next ?? '')}
        onBlur={onBlur}
        error={error}
        withAsterisk={field.required}
        data-testid={`meta-${field.id}`}
      />
    );
  }
  if (field.type === 'person') {
    return (
      <Autocomplete
        size={size}
        label={label}
        data={people}
        value={value}
        onChange={onChange}
        onBlur={onBlur}
        error={error}
        withAsterisk={field.required}
        data-testid={`meta-${field.id}`}
      />
    );
  }
  return (
    <TextInput
      size={size}
      type={field.type === 'date' ? 'date' : field.type === 'time' ? 'time' : 'text'}
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={onBlur}
      error={error}
      withAsterisk={field.required}
      data-testid={`meta-${field.id}`}
    />
  );
}
