/** Checklist templates for tests and benches, as plain JSON-ready objects (import them with templates:import). */

const text = (en: string, ru: string) => ({ en, ru });

export type TemplateJson = {
  id: string;
  version: number;
  sections: { id: string; items: Record<string, unknown>[]; title: { en: string; ru: string } }[];
  [key: string]: unknown;
};

/** One item of each answer type, an optional item, evidence requirements and run metadata. */
export function sampleTemplate(version = 1): TemplateJson {
  return {
    id: 'yard-check',
    version,
    title: text('Yard check', 'Проверка площадки'),
    source: 'test fixture',
    languages: ['en', 'ru'],
    step: 6,
    runMetadata: [
      { id: 'container_number', label: text('Container number', 'Номер контейнера'), type: 'text', required: true },
      { id: 'inspection_date', label: text('Inspection date', 'Дата осмотра'), type: 'date' },
      { id: 'inspection_time', label: text('Inspection time', 'Время осмотра'), type: 'time' },
    ],
    sections: [
      {
        id: 'fence',
        title: text('Fence', 'Ограждение'),
        items: [
          {
            id: 'fence-intact',
            prompt: text('Is the fence intact?', 'Ограждение не повреждено?'),
            answerType: 'compliance',
            evidenceRequired: true,
          },
          { id: 'gate-guarded', prompt: text('Is the gate guarded?', 'Ворота охраняются?'), answerType: 'yes_no' },
          {
            id: 'reefer-fan',
            prompt: text('Reefer fan housing', 'Корпус вентилятора рефрижератора'),
            answerType: 'compliance',
            optional: true,
            evidenceRequired: true,
          },
        ],
      },
      {
        id: 'records',
        title: text('Records', 'Записи'),
        items: [
          { id: 'guard-name', prompt: text('Guard on duty', 'Дежурный охранник'), answerType: 'text' },
          { id: 'camera-count', prompt: text('Number of cameras', 'Количество камер'), answerType: 'number' },
          { id: 'last-audit', prompt: text('Date of the last audit', 'Дата последнего аудита'), answerType: 'date' },
          {
            id: 'lighting',
            prompt: text('Lighting', 'Освещение'),
            answerType: 'choice',
            choices: [
              { value: 'none', label: text('None', 'Нет') },
              { value: 'partial', label: text('Partial', 'Частичное') },
              { value: 'full', label: text('Full', 'Полное') },
            ],
          },
        ],
      },
    ],
  };
}

/** A large template: `sections` × `perSection` items, cycling through every answer type. */
export function generatedTemplate(total = 400, perSection = 20, id = 'generated-400'): TemplateJson {
  const types = ['compliance', 'yes_no', 'text', 'number', 'date', 'choice'] as const;
  const sections = [];
  for (let s = 0; s * perSection < total; s += 1) {
    const items = [];
    for (let i = 0; i < perSection && s * perSection + i < total; i += 1) {
      const n = s * perSection + i;
      const answerType = types[n % types.length]!;
      items.push({
        id: `item-${n}`,
        prompt: text(`Check point ${n}`, `Пункт проверки ${n}`),
        guidance: text(`Look closely at point ${n}.`, `Внимательно осмотрите пункт ${n}.`),
        answerType,
        evidenceRequired: n % 5 === 0,
        criteria: { wco: ['I'] },
        ...(answerType === 'choice'
          ? { choices: [{ value: 'a', label: text('A', 'А') }, { value: 'b', label: text('B', 'Б') }] }
          : {}),
      });
    }
    sections.push({ id: `section-${s}`, title: text(`Section ${s}`, `Раздел ${s}`), items });
  }
  return {
    id,
    version: 1,
    title: text('Generated checklist', 'Сгенерированный перечень'),
    source: 'generated for benchmarks',
    languages: ['en', 'ru'],
    step: 6,
    sections,
  };
}

/** A value valid for each answer type of `generatedTemplate`, varying with `k`. */
export function validValue(answerType: string, k: number): unknown {
  switch (answerType) {
    case 'compliance':
      return ['compliant', 'partially_compliant', 'non_compliant', 'not_applicable', 'not_verified'][k % 5];
    case 'yes_no':
      return k % 2 === 0;
    case 'text':
      return `observed ${k}`;
    case 'number':
      return k;
    case 'date':
      return `2026-11-${String((k % 28) + 1).padStart(2, '0')}`;
    default:
      return k % 2 === 0 ? 'a' : 'b';
  }
}
