import { Card, Skeleton } from 'antd';
import type { ReactNode } from 'react';
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

/** A section's card, titled with an <h2> (the page's <h1> is "Settings"). */
export function SectionCard({
  title,
  extra,
  children,
}: {
  readonly title: ReactNode;
  readonly extra?: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
      extra={extra}
      style={{ marginBottom: 16 }}
    >
      {children}
    </Card>
  );
}
