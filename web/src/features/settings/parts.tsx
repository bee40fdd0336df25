import { Card, Skeleton } from 'antd';
import { common } from '../../i18n/common';
import { useT } from '../../i18n/locale-context';

/** What a section shows while its chunk loads: a card-sized skeleton, so nothing jumps. */
export function QueryStateSkeleton() {
  const t = useT(common);
  return (
    <Card aria-busy="true" aria-label={t('state.loading')}>
      <Skeleton active paragraph={{ rows: 8 }} />
    </Card>
  );
}
