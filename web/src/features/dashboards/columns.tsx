import type { TableColumnType } from 'antd';
import type { ReactNode } from 'react';

/**
 * Table columns of the dashboards: the key doubles as the cells' class, so the browser
 * tests (and anyone styling) find a figure by the column's name.
 */
export function textColumn<T>(
  key: string,
  title: string,
  render: (row: T) => ReactNode,
): TableColumnType<T> {
  return { key, title, className: key, render: (_: unknown, row: T) => render(row) };
}

/** A figure, right-aligned and already formatted for the UI language. */
export function numberColumn<T>(
  key: string,
  title: string,
  render: (row: T) => string,
): TableColumnType<T> {
  return { ...textColumn(key, title, render), align: 'right', className: `${key} pw-number` };
}
