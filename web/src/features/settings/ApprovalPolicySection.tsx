import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session-context';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { currencyDigits, toMajor, toMinor } from '../../i18n/format';
import { useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { dealApprovalMessages } from '../approvals/deal-messages';
import { useUserNames } from '../approvals/directory';

type Stored = components['schemas']['StoredApprovalPolicy'];
type Policy = Stored['policy'];
type Kind = keyof Policy['chains'];
type ApproverType = Policy['chains'][Kind][number]['approver']['type'];

const KINDS: readonly Kind[] = ['discount', 'stage', 'rule'];
const APPROVERS: readonly ApproverType[] = ['owner_manager', 'next_manager', 'user', 'admin'];
const MAX_STEPS = 5;
const POLICY_KEY = ['approvals', 'policy'] as const;

/** One step as edited: "applies from" in major units of the tenant currency. */
interface StepValues {
  approver: ApproverType;
  userId?: string;
  from: number | null;
}

interface Values {
  chains: Record<Kind, StepValues[]>;
  discountThresholdPercent: number | null;
}

function valuesOf(policy: Policy, currency: string): Values {
  const steps = (kind: Kind): StepValues[] =>
    policy.chains[kind].map((link) => ({
      approver: link.approver.type,
      ...(link.approver.type === 'user' ? { userId: link.approver.userId } : {}),
      from: toMajor(link.minAmountMinor, currency),
    }));
  return {
    chains: { discount: steps('discount'), stage: steps('stage'), rule: steps('rule') },
    discountThresholdPercent: policy.discountThresholdPercent,
  };
}

function policyOf(values: Values, currency: string): Policy {
  const links = (kind: Kind) =>
    values.chains[kind].map((step) => ({
      approver:
        step.approver === 'user'
          ? { type: 'user' as const, userId: step.userId ?? '' }
          : { type: step.approver },
      minAmountMinor: toMinor(step.from ?? 0, currency),
    }));
  return {
    chains: { discount: links('discount'), stage: links('stage'), rule: links('rule') },
    discountThresholdPercent: values.discountThresholdPercent,
  };
}

/**
 * The server names a step's fields in its own terms (`…/minAmountMinor`,
 * `…/approver/userId`); the form edits them as `from` and `userId`.
 */
function inFormTerms(problem: ApiProblem): ApiProblem {
  if (!problem.body) return problem;
  const errors = problem.errors.map((issue) => ({
    ...issue,
    path: issue.path
      .replace(/\/minAmountMinor$/, '/from')
      .replace(/\/approver\/userId$/, '/userId'),
  }));
  return new ApiProblem(problem.status, problem.code, problem.detail, {
    ...problem.body,
    errors,
  });
}

/** Admins' approval policy: the chain per kind by amount, and the discount threshold. */
export default function ApprovalPolicySection() {
  const t = useT(dealApprovalMessages);
  const policy = useApiQuery(POLICY_KEY, () => api.GET('/api/v1/approvals/policy'));
  return (
    <SectionCard title={t('policy.title')} testId="approval-policy">
      <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
      <QueryState query={policy} rows={10}>
        {(stored) => <PolicyForm stored={stored} />}
      </QueryState>
    </SectionCard>
  );
}

function PolicyForm({ stored }: { readonly stored: Stored }) {
  const t = useT(dealApprovalMessages);
  const { tenant } = useSession();
  const currency = tenant.defaultCurrency;
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>();
  const [saved, setSaved] = useState(false);
  const queryClient = useQueryClient();
  const save = useApiMutation(
    (values: Values) =>
      api.PUT('/api/v1/approvals/policy', {
        body: { policy: policyOf(values, currency), version: stored.version },
      }),
    { invalidates: [POLICY_KEY], onSuccess: () => setSaved(true) },
  );
  const conflict = save.error?.code === 'version_conflict';
  // A newer stored policy (after a save, or reloaded after a conflict) is what the form shows.
  useEffect(() => {
    form.setFieldsValue(valuesOf(stored.policy, currency));
  }, [stored, currency, form]);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="approval-policy"
      initialValues={valuesOf(stored.policy, currency)}
      onFinish={(values) => {
        setSaved(false);
        setUnplaced([]);
        clearFieldErrors(form);
        save.mutate(values, {
          onError: (problem) => setUnplaced(placeFieldErrors(form, inFormTerms(problem), 'policy')),
        });
      }}
    >
      {stored.version === 0 ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('policy.default')} />
      ) : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="version-conflict"
          style={{ marginBottom: 16 }}
          title={t('policy.conflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                save.reset();
                void queryClient.invalidateQueries({ queryKey: POLICY_KEY });
              }}
            >
              {t('policy.reload')}
            </Button>
          }
        />
      ) : (
        <FormProblem problem={save.error} issues={unplaced} />
      )}
      {saved ? (
        <Alert
          type="success"
          showIcon
          data-testid="policy-saved"
          style={{ marginBottom: 16 }}
          title={t('policy.saved')}
        />
      ) : null}
      {KINDS.map((kind) => (
        <ChainEditor key={kind} kind={kind} currency={currency} />
      ))}
      <Form.Item
        name="discountThresholdPercent"
        label={t('policy.threshold')}
        extra={t('policy.thresholdOff')}
      >
        <InputNumber min={0} max={100} precision={2} style={{ width: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('policy.save')}
      </Button>
    </Form>
  );
}

/** One kind's chain: ordered steps, each with its approver and the amount it applies from. */
function ChainEditor({ kind, currency }: { readonly kind: Kind; readonly currency: string }) {
  const t = useT(dealApprovalMessages);
  const { users } = useUserNames();
  const form = Form.useFormInstance<Values>();
  const digits = currencyDigits(currency);
  return (
    <fieldset data-testid={`chain-${kind}`} style={{ border: 0, padding: 0, marginBottom: 16 }}>
      <legend style={{ fontSize: 15, fontWeight: 600 }}>{t(`policy.kind.${kind}`)}</legend>
      <Form.List name={['chains', kind]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} wrap align="start" data-testid="chain-step">
                <Typography.Text strong style={{ paddingTop: 34, minWidth: 56 }}>
                  {t('policy.step', { n: index + 1 })}
                </Typography.Text>
                <Form.Item
                  name={[field.name, 'from']}
                  label={t('policy.from', { currency })}
                  rules={index === 0 ? [] : [{ required: true }]}
                  style={{ flex: '1 1 160px' }}
                >
                  <InputNumber
                    min={0}
                    precision={digits}
                    disabled={index === 0}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'approver']}
                  label={t('policy.approver')}
                  rules={[{ required: true }]}
                  style={{ flex: '2 1 220px' }}
                >
                  <Select
                    aria-label={`${t(`policy.kind.${kind}`)} ${t('policy.step', { n: index + 1 })} ${t('policy.approver')}`}
                    options={APPROVERS.filter((a) => index > 0 || a !== 'next_manager').map(
                      (a) => ({ value: a, label: t(`approver.${a}`) }),
                    )}
                  />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    form.getFieldValue(['chains', kind, field.name, 'approver']) === 'user' ? (
                      <Form.Item
                        name={[field.name, 'userId']}
                        label={t('policy.user')}
                        rules={[{ required: true }]}
                        style={{ flex: '2 1 180px' }}
                      >
                        <Select
                          showSearch
                          optionFilterProp="label"
                          aria-label={`${t(`policy.kind.${kind}`)} ${t('policy.step', { n: index + 1 })} ${t('policy.user')}`}
                          options={users.map((u) => ({ value: u.id, label: u.name }))}
                        />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
                <Form.Item label=" ">
                  <Button
                    icon={<DeleteOutlined />}
                    disabled={fields.length === 1}
                    aria-label={t('policy.removeStep', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Form.Item>
              </Flex>
            ))}
            <Button
              icon={<PlusOutlined />}
              disabled={fields.length >= MAX_STEPS}
              onClick={() => add({ approver: 'next_manager', from: null })}
              data-testid={`add-step-${kind}`}
            >
              {t('policy.addStep')}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
