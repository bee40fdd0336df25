/** The two languages of every screen; the browser's language picks, the header switch overrides. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A feature's messages in both languages. English defines the keys; the Chinese side must
 * have exactly the same keys (a missing one is a compile error, an extra one too, being an
 * excess property of the literal). `{name}` placeholders are filled by `t(key, { name })`.
 */
export interface Catalogue<K extends string> {
  readonly en: Readonly<Record<K, string>>;
  readonly 'zh-CN': Readonly<Record<K, string>>;
}

export function defineMessages<const E extends Record<string, string>>(messages: {
  en: E;
  'zh-CN': Record<keyof E & string, string>;
}): Catalogue<keyof E & string> {
  return messages;
}

export type Vars = Readonly<Record<string, string | number>>;

export function translate<K extends string>(
  catalogue: Catalogue<K>,
  locale: Locale,
  key: K,
  vars?: Vars,
): string {
  const text = catalogue[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

const STORAGE_KEY = 'pipewright.locale';

/** The remembered choice, else the browser's language (any zh-* is Chinese), else English. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh-CN' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
}
