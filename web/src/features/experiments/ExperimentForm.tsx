import { Button, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLocalName, useT } from '../../i18n/locale-context';
import { experimentsMessages } from './messages';

type Create = components['schemas']['ExperimentCreateInput'];

interface VariantValues {
  readonly key: string;
  readonly name: string;
  readonly percent: number;
  readonly text?: string;
  readonly cadence?: readonly { readonly stageId: string; readonly days: number }[];
}

interface Values {
  readonly name: string;
  readonly subject: Create['subject'];
  readonly population: Create['population'];
  readonly source?: string;
  readonly variants: readonly VariantValues[];
}

/** Percent in the form, basis points in the API (two decimals of a percent). */
const basisPoints = (percent: number) => Math.round(percent * 100);

function toCreate(values: Values): Create {
  const cadence = values.subject === 'cadence';
  return {
    name: values.name,
    subject: values.subject,
    population: cadence ? 'opportunities' : values.population,
    filter: values.source ? { source: values.source } : {},
    variants: values.variants.map((v) => ({
      key: v.key,
      name: v.name,
      weight: basisPoints(v.percent),
      content: cadence
        ? {
            kind: 'cadence' as const,
            days: Object.fromEntries((v.cadence ?? []).map((row) => [row.stageId, row.days])),
          }
        : { kind: 'text' as const, text: v.text ?? '' },
    })),
  };
}

const initialValues: Partial<Values> = {
  subject: 'script',
  population: 'opportunities',
  variants: [
    { key: 'a', name: 'A', percent: 50 },
    { key: 'b', name: 'B', percent: 50 },
  ],
};

/** Designs a draft: what is tested, on which records, and 2–4 variants with their shares. */
export function ExperimentForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(experimentsMessages);
  const localName = useLocalName();
  const [form] = Form.useForm<Values>();
  const subject = Form.useWatch('subject', form);
  const variants = Form.useWatch('variants', form) ?? [];
  const total = variants.reduce((sum, v) => sum + (v?.percent ?? 0), 0);
  const pipelines = useApiQuery(['pipelines', 'list'], () => api.GET('/api/v1/pipelines'));
  const stageOptions = (pipelines.data?.items ?? []).flatMap((p) =>
    p.stages
      .filter((s) => s.kind === 'open')
      .map((s) => ({ value: s.id, label: `${localName(p)} · ${localName(s)}` })),
  );
  const create = useApiMutation(
    (values: Values) => api.POST('/api/v1/experiments', { body: toCreate(values) }),
    {
      invalidates: [['experiments']],
      onSuccess: () => {
        form.resetFields();
        onClose();
      },
    },
  );
  return (
    <Modal
      open={open}
      title={t('form.title')}
      onCancel={onClose}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      okButtonProps={{ loading: create.isPending, disabled: Math.abs(total - 100) > 0.001 }}
      onOk={() => form.submit()}
      width={760}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="name" label={t('form.name')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Flex gap="middle" wrap>
          <Form.Item name="subject" label={t('form.subject')} style={{ minWidth: 200 }}>
            <Select
              options={(['script', 'template', 'cadence'] as const).map((value) => ({
                value,
                label: t(`subject.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="population" label={t('form.population')} style={{ minWidth: 200 }}>
            <Select
              disabled={subject === 'cadence'}
              options={(['opportunities', 'leads'] as const).map((value) => ({
                value,
                label: t(`population.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t('form.source')} style={{ minWidth: 200 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          {t('form.variants')}
        </Typography.Title>
        <Form.List name="variants">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <div
                  key={field.key}
                  data-testid={`variant-${index}`}
                  style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 12, marginBottom: 12 }}
                >
                  <Flex gap="small" wrap align="end">
                    <Form.Item
                      name={[field.name, 'key']}
                      label={t('form.key')}
                      rules={[{ required: true, pattern: /^[a-z0-9_-]{1,20}$/ }]}
                    >
                      <Input style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('form.variantName')}
                      rules={[{ required: true }]}
                    >
                      <Input style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'percent']}
                      label={t('form.weight')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={0} max={100} step={5} />
                    </Form.Item>
                    {fields.length > 2 ? (
                      <Form.Item>
                        <Button onClick={() => remove(field.name)}>{t('form.remove')}</Button>
                      </Form.Item>
                    ) : null}
                  </Flex>
                  {subject === 'cadence' ? (
                    <Form.List name={[field.name, 'cadence']}>
                      {(rows, rowOps) => (
                        <>
                          {rows.map((row) => (
                            <Flex key={row.key} gap="small" align="end">
                              <Form.Item
                                name={[row.name, 'stageId']}
                                label={t('form.stage')}
                                rules={[{ required: true }]}
                              >
                                <Select options={stageOptions} style={{ width: 280 }} />
                              </Form.Item>
                              <Form.Item
                                name={[row.name, 'days']}
                                label={t('form.days')}
                                rules={[{ required: true }]}
                              >
                                <InputNumber min={1} max={365} />
                              </Form.Item>
                              <Form.Item>
                                <Button onClick={() => rowOps.remove(row.name)}>
                                  {t('form.remove')}
                                </Button>
                              </Form.Item>
                            </Flex>
                          ))}
                          <Button onClick={() => rowOps.add()} style={{ marginBottom: 8 }}>
                            {t('form.addStage')}
                          </Button>
                        </>
                      )}
                    </Form.List>
                  ) : (
                    <Form.Item
                      name={[field.name, 'text']}
                      label={t('form.text')}
                      rules={[{ required: true, max: 10_000 }]}
                    >
                      <Input.TextArea rows={3} />
                    </Form.Item>
                  )}
                </div>
              ))}
              {fields.length < 4 ? (
                <Button
                  onClick={() =>
                    add({ key: String.fromCharCode(97 + fields.length), name: '', percent: 0 })
                  }
                >
                  {t('form.addVariant')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
        {Math.abs(total - 100) > 0.001 ? (
          <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
            {t('form.weights', { total })}
          </Typography.Paragraph>
        ) : null}
        <ProblemAlert problem={create.error} />
      </Form>
    </Modal>
  );
}
