import { Card } from 'antd';
import type { ReactNode } from 'react';

/** A workspace section: a card titled with an <h2>, found by tests through its test id. */
export function Panel({
  title,
  testId,
  extra,
  children,
}: {
  readonly title: ReactNode;
  readonly testId: string;
  readonly extra?: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
      extra={extra}
      data-testid={testId}
      style={{ marginBottom: 16 }}
    >
      {children}
    </Card>
  );
}
