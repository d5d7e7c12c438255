import type { ReportLanguage } from '../contract/reports';

/*
 * The words of the demo case, in English and in Russian (`aeo demo --lang ru`): everything a validator would type
 * (names, notes, captions, the risks, the finding, the monitoring measure) is written in the case's language, as a
 * Russian-speaking validator would write it, so the Russian printout reads as one document. Kept apart from the
 * command, which is about the order of the work and its dates.
 */

export type DemoText = {
  lead: string;
  team: [string, string];
  accountManager: string;
  notes: string;
  operator: {
    legalName: string;
    address: string;
    contactPerson: string;
    compliancePerson: string;
    chiefExecutive: string;
  };
  plan: { resources: string; notes: string };
  sites: { warehouse: [string, string]; yard: [string, string] };
  interviews: {
    ceo: { role: string; topics: string[]; notes: string };
    compliance: { role: string; topics: string[]; notes: string };
  };
  inspectionAreas: string;
  floorNote: string;
  gateNote: string;
  cctvNote: string;
  warehouseLabel: string;
  captions: Record<string, string>;
  gateCaption: string;
  floorRisk: RiskText;
  gateRisk: RiskText;
  finding: { description: string; requiredAction: string };
  measure: { description: string; triggers: string; customsResponse: string };
  gateMeasure: { description: string; triggers: string; customsResponse: string };
};

type RiskText = {
  title: string;
  criticalAsset: string;
  threat: string;
  vulnerability: string;
  controls: string;
  controlTesting: string;
};

const en: DemoText = {
  lead: 'Aigerim Sadykova',
  team: ['Daniyar Abenov', 'Olga Petrova'],
  accountManager: 'Saule Kim',
  notes: 'Bonded warehouse and container yard of an importer and freight forwarder; application for both AEO types.',
  operator: {
    legalName: 'Steppe Logistics LLP',
    address: '12 Dostyk Avenue, Almaty 050010, Kazakhstan',
    contactPerson: 'Marat Ospanov, compliance manager',
    compliancePerson: 'Marat Ospanov',
    chiefExecutive: 'Yerlan Tulegenov',
  },
  plan: {
    resources: 'Two validators for two days; a customs laboratory officer on call; a vehicle for the yard.',
    notes: 'Initial interview with management first; warehouse while the morning shift loads; container yard in the afternoon.',
  },
  sites: {
    warehouse: ['Bonded warehouse No. 2', '7 Kuldzhinsky Tract, Almaty'],
    yard: ['Container yard', 'Rail terminal Almaty-1, track 14'],
  },
  interviews: {
    ceo: {
      role: 'Chief executive',
      topics: ['security policy', 'management commitment', 'changes since the application'],
      notes: 'Confirmed that the security officer reports to the board quarterly and that the yard rear gate is to be replaced this year.',
    },
    compliance: {
      role: 'Compliance manager',
      topics: ['customs declarations', 'record keeping', 'trading partner screening'],
      notes: 'Container repairs are ordered by the yard supervisor by phone; no repair log is kept.',
    },
  },
  inspectionAreas: 'Front wall, left and right sides, floor, ceiling and roof, doors and locking mechanisms, outside and undercarriage; agricultural check; seal (VVTT)',
  floorNote: 'Floor boards near the doors replaced with non-factory plywood; fresh screws. No record of the repair.',
  gateNote: 'Rear gate to the rail siding found unlocked and unguarded at 10:40; no camera covers it.',
  cctvNote: 'Recorder room locked; recordings to be checked on the second visit.',
  warehouseLabel: 'Warehouse No. 2',
  captions: {
    'front-wall': 'Front wall, corner blocks visible',
    'left-side': 'Left side, inside',
    'right-side': 'Right side, inside',
    floor: 'Replaced plywood at the door end of the floor',
    'ceiling-roof': 'Roof bows and ceiling',
    doors: 'Door locking bars and seal KZ 0451187',
    undercarriage: 'Undercarriage and cross members',
  },
  gateCaption: 'Unlocked rear gate to the rail siding',
  floorRisk: {
    title: 'Contraband concealed in export containers whose floors were modified during unrecorded repairs',
    criticalAsset: 'Export containers awaiting stuffing in the yard',
    threat: 'Concealment of contraband in a modified container floor',
    vulnerability: 'Container repairs are not recorded or checked before stuffing',
    controls: 'Seven-point inspection by the yard supervisor before stuffing.',
    controlTesting: 'Observed one inspection; reviewed 20 inspection records of the last month.',
  },
  gateRisk: {
    title: 'Unauthorised access to containers in the yard through the unguarded rear gate',
    criticalAsset: 'Loaded and sealed containers in the yard',
    threat: 'Intruders tampering with containers or their seals',
    vulnerability: 'Rear gate to the rail siding left unlocked, unguarded and outside camera coverage',
    controls: 'Guard patrols of the yard every two hours; gate lock.',
    controlTesting: 'Found the gate unlocked during the visit; reviewed the patrol log of the last week.',
  },
  finding: {
    description: 'Container repairs are not recorded, and the seven-point inspection does not ask for repair records.',
    requiredAction: 'Add a repair log for containers and a check of it to the pre-stuffing inspection procedure.',
  },
  measure: {
    description: 'Unannounced visit to the container yard to observe a pre-stuffing inspection and the rear gate.',
    triggers: 'A seizure or a seal discrepancy on an export container from this operator.',
    customsResponse: 'Physical examination of the next three export containers; review of the repair log.',
  },
  gateMeasure: {
    description: 'Document check of the guard patrol log and the camera coverage plan of the yard, until the rear gate is replaced.',
    triggers: 'A report of an intrusion in the yard, or the rear gate found open at a visit.',
    customsResponse: 'Unannounced visit to the yard; a condition of the authorization reviewed.',
  },
};

const ru: DemoText = {
  lead: 'Айгерим Садыкова',
  team: ['Данияр Абенов', 'Ольга Петрова'],
  accountManager: 'Сауле Ким',
  notes: 'Склад временного хранения и контейнерная площадка импортёра и экспедитора; заявлены оба вида статуса УЭО.',
  operator: {
    legalName: 'ТОО «Степь Логистик»',
    address: 'Казахстан, 050010, г. Алматы, пр. Достык, 12',
    contactPerson: 'Марат Оспанов, менеджер по соблюдению требований',
    compliancePerson: 'Марат Оспанов',
    chiefExecutive: 'Ерлан Тулегенов',
  },
  plan: {
    resources: 'Два валидатора на два дня; дежурный сотрудник таможенной лаборатории; автомобиль для выезда на площадку.',
    notes: 'Сначала первичное интервью с руководством; склад — во время утренней погрузки; контейнерная площадка — после обеда.',
  },
  sites: {
    warehouse: ['Склад временного хранения № 2', 'г. Алматы, Кульджинский тракт, 7'],
    yard: ['Контейнерная площадка', 'Железнодорожный терминал Алматы-1, путь 14'],
  },
  interviews: {
    ceo: {
      role: 'Генеральный директор',
      topics: ['политика безопасности', 'участие руководства', 'изменения после подачи заявления'],
      notes: 'Подтвердил, что сотрудник службы безопасности ежеквартально отчитывается перед советом директоров и что задние ворота площадки будут заменены в этом году.',
    },
    compliance: {
      role: 'Менеджер по соблюдению требований',
      topics: ['таможенные декларации', 'ведение учёта', 'проверка деловых партнёров'],
      notes: 'Ремонт контейнеров заказывает по телефону начальник площадки; журнал ремонтов не ведётся.',
    },
  },
  inspectionAreas: 'Передняя стенка, левая и правая боковые стенки, пол, потолок и крыша, двери и запорные устройства, наружная поверхность и днище; проверка на сельскохозяйственное заражение; пломба (VVTT)',
  floorNote: 'Доски пола у дверей заменены фанерой не заводского происхождения; свежие шурупы. Запись о ремонте отсутствует.',
  gateNote: 'Задние ворота к железнодорожному пути в 10:40 не заперты и не охраняются; камерами не просматриваются.',
  cctvNote: 'Помещение видеорегистратора заперто; записи будут проверены при втором посещении.',
  warehouseLabel: 'Склад № 2',
  captions: {
    'front-wall': 'Передняя стенка, угловые фитинги видны',
    'left-side': 'Левая боковая стенка изнутри',
    'right-side': 'Правая боковая стенка изнутри',
    floor: 'Фанера, уложенная у дверей вместо досок пола',
    'ceiling-roof': 'Потолок и дуги крыши',
    doors: 'Запорные штанги дверей и пломба KZ 0451187',
    undercarriage: 'Днище и поперечные балки',
  },
  gateCaption: 'Незапертые задние ворота к железнодорожному пути',
  floorRisk: {
    title: 'Сокрытие контрабанды в экспортных контейнерах, пол которых изменён при неучтённом ремонте',
    criticalAsset: 'Экспортные контейнеры, ожидающие загрузки на площадке',
    threat: 'Сокрытие контрабанды в изменённом полу контейнера',
    vulnerability: 'Ремонт контейнеров не учитывается и не проверяется перед загрузкой',
    controls: 'Осмотр по семи точкам начальником площадки перед загрузкой.',
    controlTesting: 'Наблюдали один осмотр; изучили 20 записей об осмотрах за последний месяц.',
  },
  gateRisk: {
    title: 'Несанкционированный доступ к контейнерам на площадке через неохраняемые задние ворота',
    criticalAsset: 'Загруженные и опломбированные контейнеры на площадке',
    threat: 'Вмешательство посторонних лиц в контейнеры или их пломбы',
    vulnerability: 'Задние ворота к железнодорожному пути не запираются, не охраняются и не просматриваются камерами',
    controls: 'Обход площадки охраной каждые два часа; замок на воротах.',
    controlTesting: 'Во время посещения ворота были не заперты; изучен журнал обходов за последнюю неделю.',
  },
  finding: {
    description: 'Ремонт контейнеров не учитывается, а порядок осмотра по семи точкам не предусматривает проверку записей о ремонте.',
    requiredAction: 'Ввести журнал ремонта контейнеров и включить его проверку в порядок осмотра перед загрузкой.',
  },
  measure: {
    description: 'Выезд без предварительного уведомления на контейнерную площадку для наблюдения за осмотром перед загрузкой и проверки задних ворот.',
    triggers: 'Изъятие товаров или расхождение пломб по экспортному контейнеру этого оператора.',
    customsResponse: 'Таможенный досмотр следующих трёх экспортных контейнеров; проверка журнала ремонтов.',
  },
  gateMeasure: {
    description: 'Проверка журнала обходов охраны и схемы размещения камер на площадке до замены задних ворот.',
    triggers: 'Сообщение о проникновении на площадку или открытые задние ворота при посещении.',
    customsResponse: 'Выезд на площадку без предварительного уведомления; пересмотр условия присвоения статуса.',
  },
};

export const demoTexts: Record<ReportLanguage, DemoText> = { en, ru };
