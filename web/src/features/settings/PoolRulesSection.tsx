import { Alert, Button, Checkbox, Col, Form, InputNumber, Row, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { settingsMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';
import { useTeamOptions } from './options';

type Pool = components['schemas']['Pool'];
type Rules = components['schemas']['PoolRulesChangeInput'];
const SCOPES = ['team', 'department', 'company'] as const;

/** Each public pool's rules: claim limit, cool-down, member teams, transfer scope. */
export default function PoolRulesSection() {
  // Kept here: a save bumps the pool's version, which remounts its card (fresh values).
  const [savedPool, setSavedPool] = useState<string | null>(null);
  const pools = useApiQuery(['pools', 'settings'], () =>
    api.GET('/api/v1/pools', { params: { query: { limit: 200 } } }),
  );
  return (
    <QueryState query={pools} rows={8} isEmpty={(page) => page.items.length === 0}>
      {(page) =>
        page.items.map((pool) => (
          <PoolRules
            key={`${pool.id}-${String(pool.version)}`}
            pool={pool}
            saved={savedPool === pool.id}
            onSaved={setSavedPool}
          />
        ))
      }
    </QueryState>
  );
}

function PoolRules({
  pool,
  saved,
  onSaved,
}: {
  readonly pool: Pool;
  readonly saved: boolean;
  readonly onSaved: (poolId: string | null) => void;
}) {
  const t = useT(settingsMessages);
  const teams = useTeamOptions();
  const [form] = Form.useForm<Rules>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const save = useApiMutation(
    (rules: Rules) =>
      api.PATCH('/api/v1/pools/{id}', {
        params: { path: { id: pool.id } },
        body: { version: pool.version, rules },
      }),
    { invalidates: [['pools']], onSuccess: () => onSaved(pool.id) },
  );
  const id = (field: string) => `pool-${pool.id}-${field}`;
  return (
    <SectionCard title={pool.name}>
      <Form<Rules>
        form={form}
        name={`pool-${pool.id}`}
        layout="vertical"
        initialValues={{ ...pool.rules, memberTeamIds: [...pool.rules.memberTeamIds] }}
        onFinish={(rules) => {
          setUnplaced([]);
          clearFieldErrors(form);
          onSaved(null);
          save.mutate(rules, { onError: (p) => setUnplaced(placeFieldErrors(form, p, 'rules')) });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="claimLimit" label={t('pools.claimLimit')} htmlFor={id('limit')}>
              <InputNumber id={id('limit')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="reclaimCooldownDays" label={t('pools.reclaimCooldownDays')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="transferScope" label={t('pools.transferScope')}>
              <Select options={SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="memberTeamIds" label={t('pools.memberTeamIds')}>
              <Select mode="multiple" options={teams} optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="claimLimitExcludesWon" valuePropName="checked" label=" ">
              <Checkbox>{t('pools.claimLimitExcludesWon')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <FormProblem problem={save.error} issues={unplaced} />
        {saved ? (
          <Alert
            type="success"
            role="status"
            showIcon
            title={t('saved')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Form>
    </SectionCard>
  );
}
