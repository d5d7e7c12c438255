import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import a11yEn from './a11y.en.json';
import a11yRu from './a11y.ru.json';
import assessmentEn from './assessment.en.json';
import assessmentRu from './assessment.ru.json';
import cycleEn from './cycle.en.json';
import cycleRu from './cycle.ru.json';
import en from './en.json';
import gatesEn from './gates.en.json';
import gatesRu from './gates.ru.json';
import { withGlossary } from './glossary';
import officialEn from './official.en.json';
import officialRu from './official.ru.json';
import ru from './ru.json';
import syncEn from './sync.en.json';
import syncRu from './sync.ru.json';
import hqEn from './hq.en.json';
import hqRu from './hq.ru.json';
import teamEn from './team.en.json';
import teamRu from './team.ru.json';

export const languages = ['en', 'ru'] as const;
export type Language = (typeof languages)[number];

export const LANGUAGE_STORAGE_KEY = 'aeo.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The remembered choice, or English. Storage can be unavailable (privacy modes); that is not an error. */
export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : 'en';
  } catch {
    return 'en';
  }
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered across launches; the switch still applies now.
  }
}

export const i18n = i18next.createInstance();

/** Resources are bundled: the app is offline-first and loads no translation files at run time. */
export function initI18n(language: Language = storedLanguage()) {
  void i18n.use(initReactI18next).init({
    // Screens may keep their strings in their own files (one top-level namespace each), merged here.
    // The words for enum values (statuses, frequencies, levels…) come from the glossary the printed report shares.
    resources: {
      en: { translation: withGlossary({ ...en, ...assessmentEn, ...syncEn, ...gatesEn, ...a11yEn, ...hqEn, ...cycleEn, ...teamEn, ...officialEn }, 'en') },
      ru: { translation: withGlossary({ ...ru, ...assessmentRu, ...syncRu, ...gatesRu, ...a11yRu, ...hqRu, ...cycleRu, ...teamRu, ...officialRu }, 'ru') },
    },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = language;
  return i18n;
}
