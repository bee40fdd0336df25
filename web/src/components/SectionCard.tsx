import { Card } from 'antd';
import type { ReactNode } from 'react';

/**
 * A section of a page: a card titled with an <h2> (the page's <h1> is its title), found by
 * tests through its test id. `fill` makes it as tall as its grid cell instead of spacing it
 * from the next section.
 */
export function SectionCard({
  title,
  testId,
  extra,
  fill = false,
  children,
}: {
  readonly title: ReactNode;
  readonly testId?: string;
  readonly extra?: ReactNode;
  readonly fill?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
      extra={extra}
      data-testid={testId}
      style={fill ? { height: '100%' } : { marginBottom: 16 }}
    >
      {children}
    </Card>
  );
}
