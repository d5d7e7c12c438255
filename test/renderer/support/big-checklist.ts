/*
 * The size the runner must stay instant at, shared by the browser test (behaviour) and the runner page bench
 * (timings): 8 sections × 50 compliance items, with tips.
 */
export function bigTemplate() {
  const text = (en: string, ru: string) => ({ en, ru });
  return {
    id: 'big-premises-check',
    version: 1,
    title: text('Large premises check', 'Большая проверка помещений'),
    source: 'test fixture: 400 items',
    languages: ['en', 'ru'],
    step: 6,
    sections: Array.from({ length: 8 }, (_, s) => ({
      id: `area-${s + 1}`,
      title: text(`Area ${s + 1}`, `Зона ${s + 1}`),
      items: Array.from({ length: 50 }, (_, i) => ({
        id: `area-${s + 1}-point-${i + 1}`,
        prompt: text(`Check point ${i + 1} of area ${s + 1}`, `Контрольная точка ${i + 1} зоны ${s + 1}`),
        guidance: text(`Look at point ${i + 1} closely.`, `Внимательно осмотрите точку ${i + 1}.`),
        answerType: 'compliance',
        evidenceRequired: i % 10 === 0,
        criteria: { wco: ['I'] },
      })),
    })),
  };
}
