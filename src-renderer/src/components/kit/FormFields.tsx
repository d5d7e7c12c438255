import { Checkbox, Grid, Group, MultiSelect, NumberInput, Select, SimpleGrid, TagsInput, Text, TextInput, Textarea, type ComboboxData, type MantineSpacing, type StyleProp, type GridColProps } from '@mantine/core';
import { Fragment, isValidElement, type ReactElement, type ReactNode } from 'react';

/**
 * The fields of a form as a list rather than as JSX: each names its form path, its kind, its label (from the
 * glossary through i18n) and what sets it apart (required, a hint, options). `FormFields` renders them with the
 * draft form's `inputProps`, so the value, the change handler and the message in the page's language come from
 * one place, and every form's fields look the same.
 */
type Common<P extends string> = {
  name: P;
  label: string;
  description?: string;
  placeholder?: string;
  /** Shows the asterisk; what is required is the contract's to say. */
  required?: boolean;
  /** The field the dialog focuses first. */
  autofocus?: boolean;
  testId?: string;
  w?: StyleProp<number | string>;
  /** Left out of the form (a field that only one choice needs). */
  hidden?: boolean;
};

type Choice = { options: ComboboxData; searchable?: boolean; clearable?: boolean; nothingFound?: string; maxDropdownHeight?: number };

export type FieldSpec<P extends string> = Common<P> &
  (
    | { kind: 'text' | 'date' | 'time' | 'tel' | 'email' }
    | { kind: 'textarea'; rows?: number; maxRows?: number }
    | ({ kind: 'select' | 'multiselect' } & Choice)
    | { kind: 'tags'; options?: string[]; clearable?: boolean }
    | { kind: 'checkbox' }
    | { kind: 'number'; min?: number; max?: number }
  );

/** Fields side by side: a grid of `cols` columns, or (without) a row whose fields share the width. */
export type FieldRow<P extends string> = {
  row: FieldItem<P>[];
  cols?: number | { base: number; md: number };
  gap?: MantineSpacing;
  align?: 'flex-start' | 'flex-end';
  /** A row of fields at their own widths, not stretched to share the row. */
  natural?: boolean;
  /** A 12-column grid instead: each field's share, in order (a short number beside a long name). */
  spans?: GridColProps['span'][];
  hidden?: boolean;
};

/** A field, a row of them, or anything else the form shows between them (a hint under a row). */
export type FieldItem<P extends string> = FieldSpec<P> | FieldRow<P> | ReactElement | false;

type InputProps<P extends string> = (path: P, options?: { type?: 'input' | 'checkbox' }) => object;

/** Options from a contract enum, each labelled in the page's language. */
export const optionsOf = <T extends string>(values: readonly T[], label: (value: T) => string) =>
  values.map((value) => ({ value, label: label(value) }));

/** The choice a dialog opens on (which kind of document, which decision): required, and focused first. */
export const openingChoice = <P extends string>(name: P, label: string, placeholder: string, options: ComboboxData): FieldSpec<P> => ({
  kind: 'select',
  name,
  label,
  placeholder,
  options,
  required: true,
  autofocus: true,
});

function Field<P extends string>({ spec, inputProps }: { spec: FieldSpec<P>; inputProps: InputProps<P> }) {
  const common = {
    label: spec.label,
    description: spec.description,
    w: spec.w,
    'data-testid': spec.testId,
    'data-autofocus': spec.autofocus || undefined,
    ...inputProps(spec.name, spec.kind === 'checkbox' ? { type: 'checkbox' } : undefined),
  };
  const input = { ...common, placeholder: spec.placeholder, withAsterisk: spec.required };
  switch (spec.kind) {
    case 'text':
    case 'date':
    case 'time':
    case 'tel':
    case 'email':
      return <TextInput type={spec.kind === 'text' ? undefined : spec.kind} {...input} />;
    case 'textarea':
      return <Textarea autosize minRows={spec.rows ?? 2} maxRows={spec.maxRows} {...input} />;
    case 'select':
    case 'multiselect': {
      const choice = {
        data: spec.options,
        searchable: spec.searchable,
        clearable: spec.clearable,
        nothingFoundMessage: spec.nothingFound,
        maxDropdownHeight: spec.maxDropdownHeight,
        ...input,
      };
      // A single choice stays chosen unless the field may be emptied.
      return spec.kind === 'select' ? <Select allowDeselect={spec.clearable ?? false} {...choice} /> : <MultiSelect {...choice} />;
    }
    case 'tags':
      return <TagsInput data={spec.options} clearable={spec.clearable} {...input} />;
    case 'checkbox':
      return <Checkbox {...common} />;
    case 'number':
      return <NumberInput min={spec.min} max={spec.max} {...input} />;
  }
}

function Item<P extends string>({ item, inputProps }: { item: FieldItem<P>; inputProps: InputProps<P> }): ReactNode {
  if (item === false) return null;
  if (isValidElement(item)) return item;
  if ('row' in item) {
    if (item.hidden) return null;
    const inner = item.row.map((field, i) => <Item key={i} item={field} inputProps={inputProps} />);
    if (item.spans) {
      return (
        <Grid gap={item.gap ?? 'sm'}>
          {inner.map((field, i) => (
            <Grid.Col key={i} span={item.spans?.[i]}>
              {field}
            </Grid.Col>
          ))}
        </Grid>
      );
    }
    return item.cols ? (
      <SimpleGrid cols={item.cols} spacing={item.gap ?? 'sm'}>
        {inner}
      </SimpleGrid>
    ) : (
      <Group grow={!item.natural} align={item.align ?? 'flex-start'} gap={item.gap}>
        {inner}
      </Group>
    );
  }
  return item.hidden ? null : <Field spec={item} inputProps={inputProps} />;
}

/** A form's fields, in order, from the list; `form` is the draft form (`useDraftForm`) they belong to. */
export function FormFields<P extends string>({ form, fields }: { form: { inputProps: InputProps<P> }; fields: FieldItem<P>[] }) {
  return (
    <>
      {fields.map((item, i) => (
        <Fragment key={i}>
          <Item item={item} inputProps={form.inputProps} />
        </Fragment>
      ))}
    </>
  );
}

/** A label with a dimmed hint under it, for a part of a form that is not one input (a signature pad, a block). */
export function LabelWithHint({ label, hint, weight = 600 }: { label: string; hint: string; weight?: number }) {
  return (
    <>
      <Text size="sm" fw={weight}>{label}</Text>
      <Text size="xs" c="dimmed">{hint}</Text>
    </>
  );
}
