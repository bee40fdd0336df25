import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { ApiProblem, FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { settingsMessages } from './messages';
import { useTeamOptions, useUserOptions } from './options';
import { SectionCard } from '../../components/SectionCard';

type Team = components['schemas']['Team'];
type TeamCreate = components['schemas']['TeamCreateInput'];
type TeamNode = Team & { children?: TeamNode[] };

/** The team list as a tree by parentId (the server keeps it acyclic). */
function treeOf(teams: readonly Team[]): TeamNode[] {
  const nodes = new Map<string, TeamNode>(teams.map((team) => [team.id, { ...team }]));
  const roots: TeamNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), node];
    else roots.push(node);
  }
  return roots;
}

/** The team tree with each team's manager; move a team or change its manager in place. */
export default function TeamsSection() {
  const t = useT(settingsMessages);
  const users = useUserOptions();
  const teamOptions = useTeamOptions();
  const [failed, setFailed] = useState<ApiProblem | null>(null);
  const teams = useApiQuery(['teams', 'settings'], () =>
    api.GET('/api/v1/teams', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  const tree = useMemo(() => treeOf(teams.data?.items ?? []), [teams.data]);
  const patch = useApiMutation(
    ({
      team,
      change,
    }: {
      team: Team;
      change: { managerId?: string | null; parentId?: string | null };
    }) =>
      api.PATCH('/api/v1/teams/{id}', {
        params: { path: { id: team.id } },
        body: { version: team.version, ...change },
      }),
    { invalidates: [['teams']], onSuccess: () => setFailed(null) },
  );
  const columns: TableColumnsType<TeamNode> = [
    { title: t('name'), dataIndex: 'name' },
    {
      title: t('teams.manager'),
      key: 'manager',
      render: (_, team) => (
        <Select
          aria-label={`${t('teams.manager')}: ${team.name}`}
          size="small"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('teams.noManager')}
          style={{ minWidth: 220 }}
          value={team.managerId ?? undefined}
          options={users}
          onChange={(managerId?: string) =>
            patch.mutate({ team, change: { managerId: managerId ?? null } }, { onError: setFailed })
          }
        />
      ),
    },
    {
      title: t('teams.parent'),
      key: 'parent',
      render: (_, team) => (
        <Select
          aria-label={`${t('teams.parent')}: ${team.name}`}
          size="small"
          allowClear
          style={{ minWidth: 160 }}
          value={team.parentId ?? undefined}
          options={teamOptions.filter((o) => o.value !== team.id)}
          onChange={(parentId?: string) =>
            patch.mutate({ team, change: { parentId: parentId ?? null } }, { onError: setFailed })
          }
        />
      ),
    },
  ];
  return (
    <>
      <AddTeam />
      <SectionCard title={t('tab.teams')}>
        <FormProblem problem={failed} />
        <QueryState query={teams} rows={8} isEmpty={(page) => page.items.length === 0}>
          {() => (
            <Table<TeamNode>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              columns={columns}
              dataSource={tree}
              expandable={{ defaultExpandAllRows: true }}
              data-testid="team-tree"
            />
          )}
        </QueryState>
      </SectionCard>
    </>
  );
}

function AddTeam() {
  const t = useT(settingsMessages);
  const users = useUserOptions();
  const teams = useTeamOptions();
  const [form] = Form.useForm<TeamCreate>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const create = useApiMutation((body: TeamCreate) => api.POST('/api/v1/teams', { body }), {
    invalidates: [['teams']],
    onSuccess: () => form.resetFields(),
  });
  return (
    <SectionCard title={t('teams.add')}>
      <Form<TeamCreate>
        form={form}
        name="team-create"
        layout="vertical"
        onFinish={(values) => {
          setUnplaced([]);
          clearFieldErrors(form);
          create.mutate(values, { onError: (p) => setUnplaced(placeFieldErrors(form, p)) });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('name')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="parentId" label={t('teams.parent')}>
              <Select allowClear options={teams} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="managerId" label={t('teams.manager')}>
              <Select allowClear showSearch optionFilterProp="label" options={users} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" ">
              <Button
                type="primary"
                htmlType="submit"
                icon={<PlusOutlined />}
                loading={create.isPending}
              >
                {t('add')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
        <FormProblem problem={create.error} issues={unplaced} />
      </Form>
    </SectionCard>
  );
}
