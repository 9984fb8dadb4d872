import { create } from 'zustand';
import { z } from 'zod';
import { isLanguage, setLanguage, type Language } from '../i18n';

const KEY = 'transfer-lab.language';

/** zod's own messages (inside validation errors) follow the UI's language. */
const zodLocale = (lang: Language) => z.config(lang === 'zh' ? z.locales.zhCN() : z.locales.en());

/**
 * The UI language: from the link (`?lang=zh`), else the last choice on this device, else the
 * browser's preference. The app re-renders itself whole when it changes (App keys on it).
 */
export function initialLanguage(search: string, stored: string | null, preferred: readonly string[]): Language {
  const fromLink = new URLSearchParams(search).get('lang');
  if (isLanguage(fromLink)) return fromLink;
  if (isLanguage(stored)) return stored;
  return preferred.some((l) => /^zh\b/i.test(l)) ? 'zh' : 'en';
}

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
};

export const useLanguageStore = create<{ lang: Language; set(lang: Language): void }>()((set) => ({
  lang: 'en',
  set(lang) {
    setLanguage(lang);
    zodLocale(lang);
    storage()?.setItem(KEY, lang);
    // A link that set the language must not override the user's switch on reload.
    if (typeof history !== 'undefined' && new URLSearchParams(location.search).has('lang')) {
      const q = new URLSearchParams(location.search);
      q.set('lang', lang);
      history.replaceState(null, '', `${location.pathname}?${q.toString().replace(/%2C/g, ',')}${location.hash}`);
    }
    set({ lang });
  },
}));

/** At start-up, before the first render. */
export function startLanguage(): void {
  const lang = initialLanguage(location.search, storage()?.getItem(KEY) ?? null, navigator.languages ?? [navigator.language]);
  setLanguage(lang);
  zodLocale(lang);
  useLanguageStore.setState({ lang });
}
