import type { ApplicationDocumentKind } from '../contract/certification';
import type { CriterionConclusion, WcoLetter } from '../contract/assessment';
import type { AccountManagerFunction } from '../contract/post-certification';

/*
 * The words of the second half of the demo case (`aeo demo`, see demo-complete.ts), here in English (in Russian in
 * demo-complete-content-ru.ts): the rest of the warehouse checklist, the application record, the documents
 * examined, the business-system notes, the interview minutes, the conclusions on criteria A–M with their
 * reasoning, the recommendation and its conditions, and the account manager. Kept apart from the code, which is
 * about the order of the work and what each conclusion cites.
 */

/** What a conclusion cites, by the demo's own names; the code turns them into record ids. */
export type CitationKeys = {
  /** Checklist item ids of either run (the inspection's or the warehouse's). */
  answers?: string[];
  risks?: ('floor' | 'gate')[];
  findings?: ('floor' | 'gate')[];
  interviews?: ('ceo' | 'compliance')[];
  /** Checklist item ids whose photos are cited. */
  photos?: string[];
  /** File names of the documents examined that are cited. */
  documents?: string[];
};

/** The application's documents, by kind, and when each was received (days from now). */
export const applicationDocuments: [ApplicationDocumentKind, number][] = [
  ['application_form', -44],
  ['saq', -44],
  ['company_registration', -44],
  ['financial_statements', -44],
  ['security_profile', -37],
  ['procedures_manual', -37],
];

/** The extracts the operator handed over (examined and kept as documents), and the date of each (days from now). */
export const examinedDocuments: [string, number][] = [
  ['declarations-sample-2026.csv', -9],
  ['yard-gate-log-extract.csv', -7],
  ['yard-patrol-log.csv', -7],
];

/** What the account manager did before the validation (function, days from now): the application, the visits. */
export const accountManagerActivities: [AccountManagerFunction, number][] = [
  ['day_to_day_questions', -40],
  ['meetings_and_visits', -12],
];

/** The sample of 40 declarations as a CSV, one row each, two of them amended before release. */
export function declarationsSample(header: string, matches: string, amended: string): string {
  const row = (i: number) => {
    const number = `KZ-IM-2026-${String(1040 + i * 37).padStart(6, '0')}`;
    const date = `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(3 + (i % 25)).padStart(2, '0')}`;
    return `${number},${date},INV-${5100 + i},CMR-${88000 + i * 3},${i === 7 || i === 23 ? amended : matches}`;
  };
  return [header, ...Array.from({ length: 40 }, (_, i) => row(i))].join('\n');
}

/**
 * The rest of the warehouse checklist as the validators found it, the same in either language: compliant, but for
 * the mail screening the warehouse does not do (mail goes to the head office).
 */
export const warehouseAnswers: Record<string, 'compliant' | 'not_applicable'> = {
  'gates-gatehouses': 'compliant',
  parking: 'compliant',
  'building-structure': 'compliant',
  'locking-devices': 'compliant',
  'key-control': 'compliant',
  'intrusion-alarms': 'compliant',
  'cctv-recording': 'compliant',
  'security-systems-testing': 'compliant',
  'security-guards': 'compliant',
  'employee-identification': 'compliant',
  'badge-control': 'compliant',
  'challenge-unauthorised': 'compliant',
  'restricted-areas': 'compliant',
  'loading-delivery-isolation': 'compliant',
  'cargo-segregation': 'compliant',
  'conveyance-storage': 'compliant',
  'mail-screening': 'not_applicable',
  'fire-protection': 'compliant',
  'water-protection': 'compliant',
  'power-supply': 'compliant',
  'alarm-response': 'compliant',
  'emergency-procedures': 'compliant',
  'vehicle-control': 'compliant',
};

/** The photos the warehouse checklist requires even of compliant items, and when each was taken (local time). */
export const warehousePhotoTimes: Record<string, string> = {
  'perimeter-fencing': '09:18:40',
  'key-control': '09:36:12',
  'intrusion-alarms': '09:52:03',
  'cctv-coverage': '10:07:55',
  'badge-control': '10:24:31',
  'restricted-areas': '11:05:16',
  'fire-protection': '11:31:48',
};

/**
 * The validators' conclusion on each criterion and what it rests on, the same in either language (the reasoning
 * is in each language's `criteria`): the gate risk, a condition of the authorization, leaves premises security
 * (I) met only with improvements; the container repairs do the same to cargo and conveyance security (G, H).
 */
export const criterionGrounds: Record<WcoLetter, { conclusion: CriterionConclusion; cites: CitationKeys }> = {
  A: { conclusion: 'met', cites: { interviews: ['compliance'], documents: ['declarations-sample-2026.csv'] } },
  B: { conclusion: 'met', cites: { interviews: ['compliance'] } },
  C: { conclusion: 'met', cites: { interviews: ['ceo'] } },
  D: { conclusion: 'met', cites: { interviews: ['ceo', 'compliance'] } },
  E: { conclusion: 'met', cites: { answers: ['challenge-unauthorised', 'emergency-procedures'] } },
  F: { conclusion: 'met', cites: { interviews: ['compliance'], answers: ['badge-control'] } },
  G: { conclusion: 'met_with_improvements', cites: { answers: ['floor', 'seal-iso-17712', 'seal-verify', 'cargo-segregation'], risks: ['floor'], findings: ['floor'], photos: ['floor', 'doors'] } },
  H: { conclusion: 'met_with_improvements', cites: { answers: ['floor', 'doors', 'undercarriage', 'vehicle-control'], risks: ['floor'], findings: ['floor'], photos: ['floor', 'undercarriage'] } },
  I: { conclusion: 'met_with_improvements', cites: { answers: ['gates-locked', 'perimeter-fencing', 'cctv-recording', 'visitor-control'], risks: ['gate'], findings: ['gate'], photos: ['gates-locked'], documents: ['yard-patrol-log.csv', 'yard-gate-log-extract.csv'] } },
  J: { conclusion: 'met', cites: { answers: ['employee-identification', 'badge-control', 'key-control'] } },
  K: { conclusion: 'met', cites: { interviews: ['compliance'] } },
  L: { conclusion: 'met', cites: { answers: ['fire-protection', 'power-supply', 'alarm-response', 'emergency-procedures'] } },
  M: { conclusion: 'met', cites: { answers: ['security-systems-testing'], interviews: ['ceo'] } },
};

type Minutes = { present: string[]; topics: string; answers: string; followUps: string };

export type DemoCompletionText = {
  /** The validators' notes on some of the rest of the warehouse checklist, by item id. */
  physicalNotes: Record<string, string>;
  /** The captions of the photos in `warehousePhotoTimes`, by item id. */
  warehouseCaptions: Record<string, string>;
  /** The application's reference, and what each of `applicationDocuments` is called on the operator's side. */
  application: { reference: string; titles: Record<string, string> };
  /** Per file of `examinedDocuments`: its caption and its content. */
  documents: Record<string, { caption: string; csv: string }>;
  /** Per business system, the file names of the documents examined with it. */
  systems: { system: string; checked: string; notes: string; documents: string[] }[];
  /** The conditions the validators propose with their recommendation (printed in the official part). */
  conditions: string;
  minutes: { ceo: Minutes; compliance: Minutes };
  gateFinding: { description: string; requiredAction: string };
  responseNotes: { floor: string; gate: string };
  /** The reasoning of each criterion's conclusion. */
  criteria: Record<WcoLetter, string>;
  mattersOfSignificance: string;
  reasoning: string;
  teamLead: string;
  /** The account manager's position, and a note on each of `accountManagerActivities`, in its order. */
  accountManager: { position: string; notes: string[] };
};

/** The English words (the Russian ones are in demo-complete-content-ru.ts). */
export const demoCompletionEn: DemoCompletionText = {
  physicalNotes: {
    'gates-gatehouses': 'Main gate manned around the clock; vehicle and pedestrian lanes separate.',
    parking: 'Staff and visitor parking outside the fence, 40 m from the loading docks.',
    'key-control': 'Key register kept by the shift guard; all keys of the warehouse signed out and back on the day seen.',
    'intrusion-alarms': 'Alarm on the warehouse doors and the server room, monitored by the guard post; two alarms last month, both answered within 5 minutes.',
    'cctv-recording': 'Recorder room opened by the security manager at 12:30: recordings kept 30 days, export needs a password; footage of the previous night found and played back.',
    'security-systems-testing': 'Monthly test of alarms and cameras logged; last fault (camera 7) repaired within two days.',
    'security-guards': 'Guard contractor licensed; written post orders at the gatehouse.',
    'badge-control': 'Badges of two employees who left in October were deactivated on their last day (access system log).',
    'challenge-unauthorised': 'Two warehouse staff asked at random knew whom to call about an unknown person.',
    'cargo-segregation': 'Goods under customs control kept in a fenced bay, separate from domestic goods.',
    'mail-screening': 'Mail and parcels are received at the head office, not at the warehouse.',
    'power-supply': 'Diesel generator and UPS for the security systems; last test run 2 weeks before the visit.',
    'emergency-procedures': 'Evacuation drill held in September; procedure posted at each exit.',
    'vehicle-control': 'Trucks logged at the main gate with driver, plate and seal numbers; log of the visit day complete.',
  },
  warehouseCaptions: {
    'perimeter-fencing': 'Perimeter fence with barbed wire, north side',
    'key-control': 'Key cabinet and key register at the guard post',
    'intrusion-alarms': 'Door contact and siren on the warehouse door',
    'cctv-coverage': 'Camera over the loading docks',
    'badge-control': 'Badge reader at the staff entrance',
    'restricted-areas': 'Marked entrance to the customs bay',
    'fire-protection': 'Fire extinguisher and detector in the storage hall',
  },
  application: {
    reference: 'APP-2026/0417',
    titles: {
      application_form: 'both AEO types: security and safety, customs simplifications',
      saq: 'all sections answered, signed by the chief executive',
      company_registration: 'certificate of state registration and an extract from the register of legal entities',
      financial_statements: 'audited, 2023–2025',
      security_profile: 'bonded warehouse No. 2 and the container yard',
      procedures_manual: 'security and customs procedures, edition 3',
    },
  },
  documents: {
    'declarations-sample-2026.csv': {
      caption: 'Sample of 40 import declarations of 2026, checked against invoices and transport documents',
      csv: declarationsSample('Declaration,Date,Invoice,Transport document,Result', 'matches', 'amended before release'),
    },
    'yard-gate-log-extract.csv': {
      caption: 'Gate log of the container yard, main gate, last month (extract)',
      csv: 'Date,Time in,Time out,Vehicle,Container,Seal,Guard\n2026-11-18,08:12,08:47,777 ABC 02,MSKU 718204-7,KZ 0451187,Bekov\n2026-11-18,09:30,10:05,512 KLM 02,TGHU 402117-3,KZ 0451190,Bekov\n2026-11-19,07:55,08:31,777 ABC 02,CAIU 903311-0,KZ 0451193,Serikov',
    },
    'yard-patrol-log.csv': {
      caption: 'Patrol log of the warehouse guards, the week before the visit',
      csv: 'Date,Round,Guard,Rear gate,Remarks\n2026-11-19,02:00,Serikov,closed,—\n2026-11-19,04:00,Serikov,not checked,—\n2026-11-19,06:00,Serikov,open,rail shunting\n2026-11-20,02:00,Bekov,not checked,—',
    },
  },
  conditions: 'Within three months of the authorization: the warehouse\'s rear gate to the rail siding is kept locked outside rail operations, covered by a camera and every opening recorded in the gate log (finding F2).',
  systems: [
    {
      documents: ['declarations-sample-2026.csv'],
      system: 'Customs declarations (declarant module and archive)',
      checked: 'User rights; a sample of 40 import declarations of 2026 against invoices, transport documents and payments.',
      notes: 'All 40 declarations matched their documents; two amended declarations were corrected by the operator before release. Only the two licensed declarants can submit.',
    },
    {
      documents: [],
      system: 'Warehouse management system (bonded warehouse stock)',
      checked: 'Stock records against a physical count of 15 positions; how goods in and out are booked; the audit trail.',
      notes: 'All 15 positions agreed with the records. Every booking carries the user and the time; corrections are logged and cannot be deleted.',
    },
    {
      documents: [],
      system: 'Accounting and financial records',
      checked: 'Audited statements 2023–2025; tax and customs payment records; bank references.',
      notes: 'Profitable in each of the three years; no arrears of customs duties or taxes; solvent at the date of the visit.',
    },
    {
      documents: ['yard-gate-log-extract.csv', 'yard-patrol-log.csv'],
      system: 'Gate logs and container repair orders (paper)',
      checked: 'Gate logs of the last month; the guards\' patrol log; how container repairs are ordered and recorded.',
      notes: 'The gate logs are complete for the main gates; the warehouse\'s rear gate to the rail siding has no log, and the patrols often did not check it. Repairs are ordered by phone and not recorded (finding F1).',
    },
  ],
  minutes: {
    ceo: {
      present: ['Yerlan Tulegenov (chief executive)', 'Marat Ospanov (compliance manager)', 'Aigerim Sadykova (lead validator)', 'Daniyar Abenov (validator)'],
      topics: 'Security policy; commitment of the management; changes since the application; the plan of the site visits.',
      answers:
        'The security policy was approved by the board in 2025 and is reviewed every year. The security manager reports to the board quarterly (minutes of the last two meetings shown). No change of ownership, premises or activity since the application. The warehouse\'s rear gate to the rail siding is to be replaced this year; a contract with the supplier is being negotiated.',
      followUps: 'Operator to send the board minutes on security of 2026 and the rear gate contract once signed.',
    },
    compliance: {
      present: ['Marat Ospanov (compliance manager)', 'Aigerim Sadykova (lead validator)', 'Daniyar Abenov (validator)'],
      topics: 'Customs declarations; record keeping; screening of trading partners; container repairs.',
      answers:
        'Declarations are prepared by two licensed in-house declarants and checked by the compliance manager before submission. Records are kept for five years in the archive. New trading partners are checked against the AEO register and sanctions lists, and sign the security clauses of the contract. Container repairs are ordered by the yard supervisor by phone; no repair log is kept.',
      followUps: 'Operator to introduce a container repair log and a check of it before stuffing (finding F1).',
    },
  },
  gateFinding: {
    description: 'The warehouse\'s rear gate to the rail siding was found unlocked and unguarded, outside camera coverage and without a gate log.',
    requiredAction: 'Keep the rear gate locked outside rail operations, cover it with a camera and record each opening in the gate log.',
  },
  responseNotes: {
    floor: 'Improvement action F1; the repair log is checked at the unannounced visit of the control plan.',
    gate: 'Proposed condition of the authorization: the rear gate locked, covered by a camera and logged within three months; checked quarterly.',
  },
  criteria: {
    A: 'No customs offences recorded in the three years examined; a sample of 40 declarations matched the commercial documents; declarations are checked before submission.',
    B: 'Commercial and warehouse records are complete, kept for five years and protected by an audit trail; the stock count agreed with the records.',
    C: 'Audited statements of 2023–2025 show a profitable and solvent business with no arrears of duties or taxes.',
    D: 'A named compliance manager is the contact for customs; requests of the validators were answered within the agreed time.',
    E: 'Staff know how to challenge unknown persons and the emergency procedures; an evacuation drill was held this year.',
    F: 'Access to the declarations and warehouse systems is limited to named users with individual accounts; changes are logged.',
    G: 'Seals meet ISO 17712 and are checked (VVTT); goods under customs control are segregated. Unrecorded container repairs leave a concealment risk (R1), to be closed by improvement action F1.',
    H: 'The seven-point inspection is carried out and recorded before stuffing; it missed a modified floor because repairs are not recorded (R1, F1).',
    I: 'Fencing, lighting, alarms, CCTV and access control are effective, except the warehouse\'s rear gate to the rail siding, found unlocked and unguarded (R2). Proposed as a condition of the authorization (F2).',
    J: 'Employees are identified by badges limited to their areas; badges and keys are returned when staff leave.',
    K: 'New trading partners are checked against the AEO register and sanctions lists and sign security clauses.',
    L: 'Fire, flood and power-loss procedures are written down, equipped and tested; alarms lead to a logged response.',
    M: 'Security systems are tested monthly and faults repaired; the security manager reports to the board every quarter.',
  },
  mattersOfSignificance:
    'The warehouse\'s rear gate to the rail siding was found unlocked and unguarded during the visit, outside camera coverage (R2). Container repairs are not recorded, and one export container had a modified floor (R1).',
  reasoning:
    'All thirteen WCO SAFE criteria are met; criteria G, H and I with improvements. No risk calls for refusal. The residual risk of unauthorised access through the rear gate (R2) remains high until the gate is secured, so the validators recommend granting AEO status (security and safety, customs simplifications) with the condition that the rear gate is locked, covered by a camera and logged within three months. The repair log (F1) is an improvement action followed up under the control plan.',
  teamLead: 'Nurlan Bekov',
  accountManager: {
    position: 'Chief inspector, AEO account management unit',
    notes: [
      'Explained to the operator which documents go with the application and how to fill in the SAQ.',
      'Agreed the dates of the initial interview and the site visits with the compliance manager.',
    ],
  },
};
