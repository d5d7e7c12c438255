import { Button, Group, Kbd, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { complianceScale, type TemplateItem } from '../../../../src-main/contract/checklist-template';
import type { AnswerValue } from '../../../../src-main/contract/runs';
import { formatProblem } from '../../../../src-main/contract/value-format';
import { errorFromCode, type FieldError } from '../../lib/field-errors';
import { scaleKeys } from '../../lib/keys';
import { localized } from '../../lib/localized';
import { complianceColor } from '../../theme';

type Props = {
  item: TemplateItem;
  value: AnswerValue | null;
  onAnswer: (value: AnswerValue | null, advance: boolean) => void;
  inputRef: Ref<HTMLInputElement>;
  onDone: () => void;
};

/**
 * The answer for the current item, by its type. Scale, yes/no and short choice lists are buttons with their key;
 * text, number and date are fields that save on Enter or when left.
 */
export function AnswerControl(props: Props) {
  const { item } = props;
  switch (item.answerType) {
    case 'compliance':
      return <ScaleButtons {...props} />;
    case 'yes_no':
      return <YesNoButtons {...props} />;
    case 'choice':
      return (item.choices?.length ?? 0) <= 9 ? <ChoiceButtons {...props} /> : <ChoiceSelect {...props} />;
    default:
      return <FieldAnswer key={`${item.id}:${String(props.value)}`} {...props} />;
  }
}

function ScaleButtons({ value, onAnswer }: Props) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing={6} verticalSpacing={6} role="group" aria-label={t('runner.answer')}>
      {complianceScale.map((option, index) => {
        const selected = value === option;
        return (
          <Button
            key={option}
            variant={selected ? 'filled' : 'default'}
            color={complianceColor[option]}
            justify="flex-start"
            leftSection={<Kbd size="xs">{scaleKeys[index]}</Kbd>}
            aria-pressed={selected}
            onClick={() => onAnswer(option, false)}
            data-testid={`answer-${option}`}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'start', lineHeight: 1.2 } }}
            h="auto"
            mih={34}
            py={4}
          >
            {t(`compliance.long.${option}`)}
          </Button>
        );
      })}
    </SimpleGrid>
  );
}

function YesNoButtons({ value, onAnswer }: Props) {
  const { t } = useTranslation();
  const options = [
    { value: true, label: t('answers.yes'), key: 'Y', color: 'teal' },
    { value: false, label: t('answers.no'), key: 'N', color: 'red' },
  ] as const;
  return (
    <Group gap={6} role="group" aria-label={t('runner.answer')}>
      {options.map((option) => (
        <Button
          key={String(option.value)}
          variant={value === option.value ? 'filled' : 'default'}
          color={option.color}
          leftSection={<Kbd size="xs">{option.key}</Kbd>}
          aria-pressed={value === option.value}
          onClick={() => onAnswer(option.value, false)}
          data-testid={`answer-${option.value ? 'yes' : 'no'}`}
          miw={120}
          justify="flex-start"
        >
          {option.label}
        </Button>
      ))}
    </Group>
  );
}

function ChoiceButtons({ item, value, onAnswer }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} verticalSpacing={6} role="group" aria-label={t('runner.answer')}>
      {(item.choices ?? []).map((choice, index) => (
        <Button
          key={choice.value}
          variant={value === choice.value ? 'filled' : 'default'}
          justify="flex-start"
          leftSection={<Kbd size="xs">{String(index + 1)}</Kbd>}
          aria-pressed={value === choice.value}
          onClick={() => onAnswer(choice.value, false)}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'start', lineHeight: 1.2 } }}
          h="auto"
          mih={34}
          py={4}
        >
          {localized(choice.label, i18n.language)}
        </Button>
      ))}
    </SimpleGrid>
  );
}

function ChoiceSelect({ item, value, onAnswer, inputRef }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      ref={inputRef}
      aria-label={t('runner.answer')}
      placeholder={t('runner.choose')}
      data={(item.choices ?? []).map((c) => ({ value: c.value, label: localized(c.label, i18n.language) }))}
      value={typeof value === 'string' ? value : null}
      onChange={(next) => onAnswer(next, false)}
      searchable
      maw={420}
    />
  );
}

/** Text, number and date answers: typed, then saved with Enter (which moves on) or when the field is left. */
function FieldAnswer({ item, value, onAnswer, inputRef, onDone }: Props) {
  const { t } = useTranslation();
  const initial = value === null ? '' : String(value);
  const [draft, setDraft] = useState(initial);
  const [invalid, setInvalid] = useState<FieldError | null>(null);
  // What this field last handed over: the blur that follows Enter must not save (or move) a second time.
  const sent = useRef(initial);

  const parse = (text: string): { ok: true; value: AnswerValue | null } | { ok: false; error: FieldError } => {
    const trimmed = text.trim();
    if (trimmed === '') return { ok: true, value: null };
    if (item.answerType === 'number') {
      const n = Number(trimmed.replace(',', '.'));
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: { key: 'number' } };
    }
    // The same check the core makes: the validator reads what is wrong before anything is sent.
    const problem = item.format ? formatProblem(item.format, text) : null;
    if (problem) return { ok: false, error: errorFromCode(problem.code, 'value', problem.params) };
    return { ok: true, value: item.answerType === 'date' ? trimmed : text };
  };

  const commit = (advance: boolean) => {
    const parsed = parse(draft);
    if (!parsed.ok) {
      setInvalid(parsed.error);
      return;
    }
    setInvalid(null);
    if (draft !== sent.current) {
      sent.current = draft;
      onAnswer(parsed.value, advance);
    } else if (advance) onDone();
  };

  return (
    <Group gap="xs" align="flex-start">
      <TextInput
        ref={inputRef}
        type={item.answerType === 'date' ? 'date' : item.answerType === 'number' ? 'text' : 'text'}
        inputMode={item.answerType === 'number' ? 'decimal' : undefined}
        aria-label={t('runner.answer')}
        placeholder={item.answerType === 'date' ? undefined : t('runner.typeAnswer')}
        value={draft}
        onChange={(e) => {
          setDraft(e.currentTarget.value);
          setInvalid(null);
        }}
        onBlur={() => commit(false)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(true);
          }
        }}
        error={invalid ? t(`validation.${invalid.key}`, invalid.values) : undefined}
        data-testid="answer-field"
        w={item.answerType === 'text' ? '100%' : 220}
        style={{ flex: item.answerType === 'text' ? 1 : undefined }}
      />
    </Group>
  );
}
