import { create } from 'zustand';
import { i18n, rememberLanguage, storedLanguage, type Language } from '../i18n';

type LocaleState = {
  language: Language;
  setLanguage(language: Language): void;
};

export const useLocaleStore = create<LocaleState>()((set) => ({
  language: storedLanguage(),
  setLanguage(language) {
    void i18n.changeLanguage(language);
    rememberLanguage(language);
    document.documentElement.lang = language;
    set({ language });
  },
}));
