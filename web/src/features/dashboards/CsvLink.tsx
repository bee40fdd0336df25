import { DownloadOutlined } from '@ant-design/icons';
import { App } from 'antd';
import type { MouseEvent } from 'react';
import { ApiProblem } from '../../api/problem';
import { useLocale, useT } from '../../i18n/locale-context';
import { dashboardMessages } from './messages';

/**
 * The report's CSV from the server, with the chart's filters. The link is a real URL (copy,
 * open in a tab); a click fetches it with the UI language as Accept-Language, so the
 * headers and stage names come back in the language on screen, and saves it.
 */
export function CsvLink({ href, fileName }: { readonly href: string; readonly fileName: string }) {
  const t = useT(dashboardMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    try {
      const response = await fetch(href, {
        credentials: 'same-origin',
        headers: { 'Accept-Language': locale },
      });
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => undefined);
        throw ApiProblem.fromResponse(response, body);
      }
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName;
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      const detail = error instanceof ApiProblem ? error.detail : String(error);
      void message.error(t('csvFailed', { detail }));
    }
  }

  return (
    <a href={href} download={fileName} onClick={(event) => void download(event)} data-testid="csv">
      <DownloadOutlined /> {t('csv')}
    </a>
  );
}
