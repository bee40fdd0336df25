import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { setApiLocale } from '../api/client';
import { initialLocale, rememberLocale, translate } from './catalogue';
import type { Catalogue, Locale, Vars } from './catalogue';

interface LocaleState {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  // Set before children render, so the first requests already carry Accept-Language.
  setApiLocale(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside <LocaleProvider>');
  return state;
}

/** `const t = useT(homeMessages); t('title')` — keys are checked against the catalogue. */
export function useT<K extends string>(catalogue: Catalogue<K>): (key: K, vars?: Vars) => string {
  const { locale } = useLocale();
  return useCallback(
    (key: K, vars?: Vars) => translate(catalogue, locale, key, vars),
    [catalogue, locale],
  );
}

/** Picks the side of a bilingual server field pair such as a stage's nameZh / nameEn. */
export function useLocalName(): (item: { nameZh: string; nameEn: string }) => string {
  const { locale } = useLocale();
  return useCallback((item) => (locale === 'zh-CN' ? item.nameZh : item.nameEn), [locale]);
}
