import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { common } from '../i18n/common';
import { useT } from '../i18n/locale-context';

export function NotFound() {
  const t = useT(common);
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('notFound.title')}</h1>}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
