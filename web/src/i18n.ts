/** The two languages of every screen; the browser's language picks, the switch overrides. */
export type Locale = 'zh-CN' | 'en';

const messages = {
  en: {
    title: 'Pipeline summary',
    signIn: 'Sign in',
    signOut: 'Sign out',
    email: 'E-mail',
    password: 'Password',
    stage: 'Stage',
    probability: 'Win probability',
    deals: 'Opportunities',
    amount: 'Amount',
    weighted: 'Weighted amount',
    total: 'Open pipeline',
    loading: 'Loading…',
    failed: 'Could not load the data.',
    pipeline: 'Pipeline',
    language: '中文',
    apiDocs: 'API documentation',
  },
  'zh-CN': {
    title: '销售漏斗概览',
    signIn: '登录',
    signOut: '退出登录',
    email: '邮箱',
    password: '密码',
    stage: '阶段',
    probability: '赢率',
    deals: '商机数',
    amount: '金额',
    weighted: '加权金额',
    total: '进行中商机合计',
    loading: '加载中…',
    failed: '数据加载失败。',
    pipeline: '销售流程',
    language: 'English',
    apiDocs: 'API 文档',
  },
} as const;

export type MessageKey = keyof (typeof messages)['en'];

export function initialLocale(): Locale {
  const saved = localStorage.getItem('pipewright.locale');
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function t(locale: Locale, key: MessageKey): string {
  return messages[locale][key];
}

export function formatMoney(locale: Locale, amountMinor: number, currency: string): string {
  const digits = currency === 'JPY' || currency === 'KRW' ? 0 : 2;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(amountMinor / 10 ** digits);
}
