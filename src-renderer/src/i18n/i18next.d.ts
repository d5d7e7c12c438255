import 'i18next';
import type a11yEn from './a11y.en.json';
import type cycleEn from './cycle.en.json';
import type assessmentEn from './assessment.en.json';
import type en from './en.json';
import type gatesEn from './gates.en.json';
import type { GlossaryResources } from './glossary';
import type syncEn from './sync.en.json';
import type hqEn from './hq.en.json';
import type teamEn from './team.en.json';
import type officialEn from './official.en.json';

// Typed keys: `t('cases.titel')` fails to compile, and en.json is the reference key set.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & typeof assessmentEn & typeof syncEn & typeof gatesEn & typeof a11yEn & typeof hqEn & typeof cycleEn & typeof teamEn & typeof officialEn & GlossaryResources };
  }
}
