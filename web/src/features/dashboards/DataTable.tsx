import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';

interface Props<T> {
  readonly rows: readonly T[];
  readonly columns: TableColumnsType<T>;
  /** Identity of a row; also its `data-row` attribute, which the browser tests read. */
  readonly rowKey: (row: T) => string;
}

/** A chart's figures as a compact table: every row, no paging, scrolls sideways if wide. */
export function DataTable<T extends object>({ rows, columns, rowKey }: Props<T>) {
  return (
    <Table<T>
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowKey={rowKey}
      columns={columns}
      dataSource={[...rows]}
      onRow={(row) => ({ 'data-row': rowKey(row) }) as HTMLAttributes<HTMLElement>}
    />
  );
}
