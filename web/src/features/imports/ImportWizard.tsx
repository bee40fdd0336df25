import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Progress, Result, Select, Steps, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { ApiProblem } from '../../api/problem';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { ColumnMapping } from './ColumnMapping';
import type { Columns, Values } from './ColumnMapping';
import { importMessages } from './messages';
import { previewFile } from './read-file';
import type { Encoding, FilePreview } from './read-file';
import { RunReport } from './RunReport';
import { uploadImport } from './upload';
import type { ImportEntity, ImportRun, Mapping } from './upload';

const ENTITIES: readonly ImportEntity[] = ['leads', 'accounts', 'contacts', 'opportunities'];
const ENCODINGS: readonly Encoding[] = ['utf-8', 'gb18030', 'utf-16le'];
const POLL_MS = 1000;

type Step = 'upload' | 'map' | 'preview' | 'run';
const STEPS: readonly Step[] = ['upload', 'map', 'preview', 'run'];

/**
 * File → column (and value) mapping → dry run with the row errors → the real run, polled
 * until it finishes, with the error report. Works for every importable entity; what may be
 * imported, and every row's verdict, are the server's.
 */
export default function ImportWizard() {
  const t = useT(importMessages);
  const [step, setStep] = useState<Step>('upload');
  const [entity, setEntity] = useState<ImportEntity>('leads');
  const [encoding, setEncoding] = useState<Encoding>('utf-8');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [columns, setColumns] = useState<Columns>({});
  const [values, setValues] = useState<Values>({});
  const [dryRun, setDryRun] = useState<ImportRun | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const fields = useApiQuery(['imports', 'fields', entity], () =>
    api.GET('/api/v1/imports/{entity}/fields', { params: { path: { entity } } }),
  );
  // A run still marked running is polled until it is not.
  const polled = useQuery({
    queryKey: ['import-runs', run?.id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/import-runs/{id}', { params: { path: { id: run?.id ?? '' } } })),
    enabled: run?.status === 'running',
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
  const current = polled.data ?? run;

  const choose = async (chosen: File, chosenEncoding: Encoding) => {
    setFile(chosen);
    setReadError(null);
    setPreview(null);
    try {
      const read = await previewFile(chosen, chosenEncoding);
      if (read.headers.length === 0) throw new Error(t('upload.noHeaders'));
      const names = new Set((fields.data?.fields ?? []).map((f) => f.name));
      setPreview(read);
      // Headers named like fields map to them, as the server does without a mapping.
      setColumns(Object.fromEntries(read.headers.map((h) => [h, names.has(h) ? h : undefined])));
      setValues({});
    } catch (error) {
      setReadError(t('upload.unreadable', { reason: error instanceof Error ? error.message : '' }));
    }
  };

  const mapping = (): Mapping => {
    const chosen = Object.entries(columns).filter((entry): entry is [string, string] =>
      Boolean(entry[1]),
    );
    const translated = Object.entries(values).filter(([, map]) => Object.keys(map).length > 0);
    return {
      columns: Object.fromEntries(chosen),
      ...(translated.length > 0 ? { values: Object.fromEntries(translated) } : {}),
      ...(preview?.format === 'csv' && encoding !== 'utf-8' ? { encoding } : {}),
    };
  };

  const send = async (dry: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    if (!dry) setStep('run');
    try {
      const result = await uploadImport(entity, file, mapping(), dry);
      if (dry) {
        setDryRun(result);
        setStep('preview');
      } else setRun(result);
    } catch (error) {
      setProblem(error as ApiProblem);
      if (!dry) setStep('preview');
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep('upload');
    setFile(null);
    setPreview(null);
    setDryRun(null);
    setRun(null);
    setProblem(null);
  };

  return (
    <>
      <Link to="/leads" className="pw-back">
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card>
        <Steps
          current={STEPS.indexOf(step)}
          items={STEPS.map((key) => ({ title: t(`step.${key}`) }))}
          style={{ marginBottom: 24 }}
        />
        {step === 'upload' ? (
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item label={t('upload.entity')} htmlFor="import-entity">
              <Select<ImportEntity>
                id="import-entity"
                value={entity}
                onChange={(next) => {
                  setEntity(next);
                  setPreview(null);
                  setFile(null);
                }}
                options={ENTITIES.map((e) => ({ value: e, label: t(`entity.${e}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('upload.encoding')} htmlFor="import-encoding">
              <Select<Encoding>
                id="import-encoding"
                value={encoding}
                onChange={(next) => {
                  setEncoding(next);
                  if (file) void choose(file, next);
                }}
                options={ENCODINGS.map((e) => ({ value: e, label: t(`encoding.${e}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('upload.file')}>
              <QueryState query={fields} rows={2}>
                {() => (
                  <Upload.Dragger
                    accept=".csv,.xlsx"
                    maxCount={1}
                    showUploadList={false}
                    beforeUpload={(chosen) => {
                      void choose(chosen, encoding);
                      return false;
                    }}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p>{t('upload.drop')}</p>
                    <p className="ant-upload-hint">{t('upload.hint')}</p>
                  </Upload.Dragger>
                )}
              </QueryState>
            </Form.Item>
            {readError ? <Alert type="error" showIcon role="alert" title={readError} /> : null}
            {file && preview ? (
              <Alert
                type="success"
                showIcon
                data-testid="file-chosen"
                title={t('upload.chosen', {
                  name: file.name,
                  columns: preview.headers.length,
                  rows: preview.rows.length,
                })}
                style={{ marginBottom: 16 }}
              />
            ) : null}
            <Button type="primary" disabled={!preview} onClick={() => setStep('map')}>
              {t('next')}
            </Button>
          </Form>
        ) : null}
        {step === 'map' && preview ? (
          <>
            <ColumnMapping
              preview={preview}
              fields={fields.data?.fields ?? []}
              columns={columns}
              values={values}
              onColumns={setColumns}
              onValues={setValues}
            />
            <div style={{ marginTop: 16 }}>
              <ProblemAlert problem={problem} />
            </div>
            <Flex gap="small" style={{ marginTop: 16 }}>
              <Button onClick={() => setStep('upload')}>{t('previous')}</Button>
              <Button type="primary" loading={busy} onClick={() => void send(true)}>
                {t('map.check')}
              </Button>
            </Flex>
          </>
        ) : null}
        {step === 'preview' && dryRun ? (
          <div data-testid="dry-run">
            <Alert type="info" showIcon title={t('preview.title')} style={{ marginBottom: 16 }} />
            <RunReport run={dryRun} />
            <div style={{ marginTop: 16 }}>
              <ProblemAlert problem={problem} />
            </div>
            <Flex gap="small" style={{ marginTop: 16 }}>
              <Button onClick={() => setStep('map')}>{t('preview.remap')}</Button>
              <Button
                type="primary"
                disabled={dryRun.counts.imported === 0}
                onClick={() => void send(false)}
              >
                {t('preview.run', { count: dryRun.counts.imported })}
              </Button>
            </Flex>
          </div>
        ) : null}
        {step === 'run' ? (
          <div data-testid="import-run">
            {!current || current.status === 'running' ? (
              <div aria-busy="true">
                <Progress percent={100} status="active" showInfo={false} />
                <p>{t('run.running')}</p>
              </div>
            ) : (
              <>
                <Result
                  status={current.status === 'completed' ? 'success' : 'error'}
                  title={current.status === 'completed' ? t('run.completed') : t('run.failed')}
                  subTitle={current.failure ?? undefined}
                />
                <RunReport run={current} />
                <Flex gap="small" style={{ marginTop: 16 }}>
                  {entity === 'leads' ? (
                    <Link to="/leads">
                      <Button type="primary">{t('run.toLeads')}</Button>
                    </Link>
                  ) : null}
                  <Button onClick={restart}>{t('run.again')}</Button>
                </Flex>
              </>
            )}
            {polled.error ? <ProblemAlert problem={polled.error as ApiProblem} /> : null}
          </div>
        ) : null}
      </Card>
    </>
  );
}
