import { Select, Table, Typography } from 'antd';
import { useT } from '../../i18n/locale-context';
import { importMessages } from './messages';
import type { FilePreview } from './read-file';

export interface Field {
  readonly name: string;
  readonly required: boolean;
  readonly values: readonly string[] | null;
}
export type Columns = Readonly<Record<string, string | undefined>>;
export type Values = Readonly<Record<string, Readonly<Record<string, string>>>>;

const MAX_DISTINCT = 30;

/** Header → field, then for mapped choice fields, the file's values → ours. */
export function ColumnMapping({
  preview,
  fields,
  columns,
  values,
  onColumns,
  onValues,
}: {
  readonly preview: FilePreview;
  readonly fields: readonly Field[];
  readonly columns: Columns;
  readonly values: Values;
  readonly onColumns: (columns: Columns) => void;
  readonly onValues: (values: Values) => void;
}) {
  const t = useT(importMessages);
  const choiceColumns = preview.headers
    .map((header, index) => ({
      header,
      index,
      field: fields.find((f) => f.name === columns[header]),
    }))
    .filter((c): c is { header: string; index: number; field: Field } => Boolean(c.field?.values));
  return (
    <>
      <Table<{ header: string; index: number }>
        rowKey="header"
        size="small"
        pagination={false}
        scroll={{ x: 560 }}
        data-testid="column-mapping"
        dataSource={preview.headers.map((header, index) => ({ header, index }))}
        columns={[
          { title: t('map.header'), dataIndex: 'header' },
          {
            title: t('map.sample'),
            key: 'sample',
            render: (_, { index }) => (
              <Typography.Text type="secondary">{preview.rows[0]?.[index] ?? ''}</Typography.Text>
            ),
          },
          {
            title: t('map.field'),
            key: 'field',
            render: (_, { header }) => (
              <Select
                aria-label={`${t('map.field')}: ${header}`}
                data-header={header}
                style={{ minWidth: 200 }}
                allowClear
                placeholder={t('map.ignore')}
                value={columns[header]}
                onChange={(field: string | undefined) => onColumns({ ...columns, [header]: field })}
                options={fields.map((field) => ({
                  value: field.name,
                  label: field.required ? `${field.name} (${t('map.required')})` : field.name,
                }))}
              />
            ),
          },
        ]}
      />
      {choiceColumns.length > 0 ? (
        <>
          <Typography.Title level={2} className="pw-section-title">
            {t('map.values')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('map.valuesHelp')}</Typography.Paragraph>
          {choiceColumns.map(({ header, index, field }) => {
            const distinct = [
              ...new Set(preview.rows.map((row) => (row[index] ?? '').trim()).filter(Boolean)),
            ].slice(0, MAX_DISTINCT);
            const chosen = values[field.name] ?? {};
            return (
              <Table<{ value: string }>
                key={header}
                title={() => `${header} → ${field.name}`}
                rowKey="value"
                size="small"
                pagination={false}
                style={{ marginBottom: 16 }}
                dataSource={distinct.map((value) => ({ value }))}
                columns={[
                  { title: t('map.fileValue'), dataIndex: 'value' },
                  {
                    title: t('map.ourValue'),
                    key: 'ours',
                    render: (_, { value }) => (
                      <Select
                        aria-label={`${t('map.ourValue')}: ${value}`}
                        style={{ minWidth: 180 }}
                        allowClear
                        placeholder={t('map.keep')}
                        value={chosen[value]}
                        onChange={(ours: string | undefined) => {
                          const { [value]: _old, ...rest } = chosen;
                          onValues({
                            ...values,
                            [field.name]: ours ? { ...rest, [value]: ours } : rest,
                          });
                        }}
                        options={(field.values ?? []).map((v) => ({ value: v, label: v }))}
                      />
                    ),
                  },
                ]}
              />
            );
          })}
        </>
      ) : null}
    </>
  );
}
