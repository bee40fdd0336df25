import { Button } from 'antd';
import { common } from '../i18n/common';
import { useLocale, useT } from '../i18n/locale-context';

/** Shows the other language's name; the choice is remembered (localStorage). */
export function LanguageSwitch() {
  const t = useT(common);
  const { locale, setLocale } = useLocale();
  return (
    <Button
      type="link"
      data-testid="language"
      aria-label={t('language.switchLabel')}
      lang={locale === 'en' ? 'zh-CN' : 'en'}
      onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
    >
      {t('language.switch')}
    </Button>
  );
}
