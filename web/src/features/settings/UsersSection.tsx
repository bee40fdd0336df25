import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Modal, Row, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiProblem, FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { common } from '../../i18n/common';
import { useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { settingsMessages } from './messages';
import { useTeamOptions, useUserOptions } from './options';
import { SectionCard } from '../../components/SectionCard';

type User = components['schemas']['User'];
type UserCreate = components['schemas']['UserCreateInput'];
const ROLES = ['admin', 'manager', 'rep', 'lead_ops'] as const;

/** People of the tenant: create, change role and team, disable (handing work over) and enable. */
export default function UsersSection() {
  const t = useT(settingsMessages);
  const c = useT(common);
  const teams = useTeamOptions();
  const [failed, setFailed] = useState<ApiProblem | null>(null);
  const [disabling, setDisabling] = useState<User | null>(null);
  const users = useApiQuery(['users', 'settings'], () =>
    api.GET('/api/v1/users', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  const patch = useApiMutation(
    ({ user, change }: { user: User; change: { role?: User['role']; teamId?: string | null } }) =>
      api.PATCH('/api/v1/users/{id}', {
        params: { path: { id: user.id } },
        body: { version: user.version, ...change },
      }),
    { invalidates: [['users']], onSuccess: () => setFailed(null) },
  );
  const enable = useApiMutation(
    (user: User) =>
      api.POST('/api/v1/users/{id}/enable', {
        params: { path: { id: user.id } },
        body: { version: user.version },
      }),
    { invalidates: [['users']], onSuccess: () => setFailed(null) },
  );

  const columns: TableColumnsType<User> = [
    { title: t('name'), dataIndex: 'name' },
    { title: t('users.email'), dataIndex: 'email' },
    {
      title: t('users.role'),
      key: 'role',
      render: (_, user) => (
        <Select
          aria-label={`${t('users.role')}: ${user.name}`}
          size="small"
          style={{ minWidth: 130 }}
          value={user.role}
          onChange={(role) => patch.mutate({ user, change: { role } }, { onError: setFailed })}
          options={ROLES.map((r) => ({ value: r, label: c(`role.${r}`) }))}
        />
      ),
    },
    {
      title: t('users.team'),
      key: 'team',
      render: (_, user) => (
        <Select
          aria-label={`${t('users.team')}: ${user.name}`}
          size="small"
          style={{ minWidth: 150 }}
          allowClear
          value={user.teamId ?? undefined}
          onChange={(teamId?: string) =>
            patch.mutate({ user, change: { teamId: teamId ?? null } }, { onError: setFailed })
          }
          options={teams}
        />
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, user) =>
        user.status === 'active' ? (
          <Tag color="green">{t('users.status.active')}</Tag>
        ) : (
          <Tag>{t('users.status.disabled')}</Tag>
        ),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, user) =>
        user.status === 'active' ? (
          <Button size="small" danger onClick={() => setDisabling(user)}>
            {t('users.disable')}
          </Button>
        ) : (
          <Button size="small" onClick={() => enable.mutate(user, { onError: setFailed })}>
            {t('users.enable')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <CreateUser />
      <SectionCard title={t('tab.users')}>
        <FormProblem problem={failed} />
        <QueryState query={users} rows={8} isEmpty={(page) => page.items.length === 0}>
          {(page) => (
            <Table<User>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              columns={columns}
              dataSource={[...page.items]}
            />
          )}
        </QueryState>
      </SectionCard>
      {disabling ? <DisableUser user={disabling} onClose={() => setDisabling(null)} /> : null}
    </>
  );
}

function CreateUser() {
  const t = useT(settingsMessages);
  const c = useT(common);
  const teams = useTeamOptions();
  const [form] = Form.useForm<UserCreate>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const create = useApiMutation((body: UserCreate) => api.POST('/api/v1/users', { body }), {
    invalidates: [['users']],
    onSuccess: () => form.resetFields(),
  });
  return (
    <SectionCard title={t('users.invite')}>
      <Form<UserCreate>
        form={form}
        name="user-create"
        layout="vertical"
        initialValues={{ role: 'rep' }}
        onFinish={(values) => {
          setUnplaced([]);
          clearFieldErrors(form);
          create.mutate(
            { ...values, password: values.password || undefined },
            { onError: (p) => setUnplaced(placeFieldErrors(form, p)) },
          );
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('name')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="email" label={t('users.email')}>
              <Input type="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="password" label={t('users.password')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="role" label={t('users.role')}>
              <Select options={ROLES.map((r) => ({ value: r, label: c(`role.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="teamId" label={t('users.team')}>
              <Select allowClear options={teams} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label=" ">
              <Button
                type="primary"
                htmlType="submit"
                icon={<PlusOutlined />}
                loading={create.isPending}
              >
                {t('create')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
        <FormProblem problem={create.error} issues={unplaced} />
      </Form>
    </SectionCard>
  );
}

/** Disabling hands the user's open work to someone; the server says when an heir is needed. */
function DisableUser({ user, onClose }: { readonly user: User; readonly onClose: () => void }) {
  const t = useT(settingsMessages);
  const users = useUserOptions().filter((option) => option.value !== user.id);
  const [form] = Form.useForm<{ transferTo?: string }>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const disable = useApiMutation(
    (values: { transferTo?: string }) =>
      api.POST('/api/v1/users/{id}/disable', {
        params: { path: { id: user.id } },
        body: {
          version: user.version,
          ...(values.transferTo ? { transferTo: values.transferTo } : {}),
        },
      }),
    { invalidates: [['users']], onSuccess: onClose },
  );
  return (
    <Modal
      open
      title={`${t('users.disable')}: ${user.name}`}
      okText={t('users.disable')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true, loading: disable.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        name="user-disable"
        onFinish={(values) =>
          disable.mutate(values, { onError: (p) => setUnplaced(placeFieldErrors(form, p)) })
        }
      >
        <Form.Item name="transferTo" label={t('users.transferTo')}>
          <Select allowClear showSearch optionFilterProp="label" options={users} />
        </Form.Item>
        <FormProblem problem={disable.error} issues={unplaced} />
      </Form>
    </Modal>
  );
}
