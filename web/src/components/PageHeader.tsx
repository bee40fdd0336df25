import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The one <h1> of a page, an optional subtitle, and actions on the right. */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  readonly title: ReactNode;
  readonly subtitle?: ReactNode;
  readonly extra?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="center" wrap gap="small" className="pw-page-header">
      <div>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {extra ? <Flex gap="small">{extra}</Flex> : null}
    </Flex>
  );
}
