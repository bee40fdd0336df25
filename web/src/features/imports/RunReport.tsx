import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Row, Statistic, Table, Typography } from 'antd';
import { useT } from '../../i18n/locale-context';
import { importMessages } from './messages';
import type { ImportRun } from './upload';

type ErrorLine = ImportRun['errors'][number];

/** A run's counts and its first problems, with the full error report to download. */
export function RunReport({ run }: { readonly run: ImportRun }) {
  const t = useT(importMessages);
  const { counts } = run;
  return (
    <>
      <Row
        gutter={[16, 16]}
        data-testid="import-counts"
        data-failed={counts.failed}
        data-imported={counts.imported}
      >
        <Col xs={12} md={6}>
          <Statistic title={t('preview.rows')} value={counts.rows} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={run.dryRun ? t('preview.ready') : t('run.imported')}
            value={counts.imported}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('preview.failed')} value={counts.failed} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('preview.skipped')} value={counts.skipped} />
        </Col>
        {counts.accountsCreated > 0 ? (
          <Col xs={12} md={6}>
            <Statistic title={t('preview.accounts')} value={counts.accountsCreated} />
          </Col>
        ) : null}
      </Row>
      <Typography.Title level={2} className="pw-section-title">
        {t('preview.errors')}
      </Typography.Title>
      {run.errors.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('preview.noErrors')}</Typography.Paragraph>
      ) : (
        <>
          <Table<ErrorLine>
            rowKey={(line) => `${line.row}/${line.field ?? ''}/${line.code}`}
            size="small"
            pagination={false}
            data-testid="import-errors"
            dataSource={run.errors}
            columns={[
              { title: t('errors.row'), dataIndex: 'row', width: 80 },
              { title: t('errors.field'), dataIndex: 'field', width: 160 },
              { title: t('errors.message'), dataIndex: 'message' },
            ]}
          />
          {counts.failed > run.errors.length ? (
            <Typography.Paragraph type="secondary">
              {t('errors.more', { shown: run.errors.length, total: counts.failed })}
            </Typography.Paragraph>
          ) : null}
          <Button
            href={run.errorReport}
            download
            icon={<DownloadOutlined />}
            style={{ marginTop: 12 }}
          >
            {t('errors.download')}
          </Button>
        </>
      )}
    </>
  );
}
