import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Select, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { CursorPager, useCursorPages } from './CursorPager';
import { DismissDialog, MergeDialog } from './DuplicateDialogs';
import { leadMessages } from './messages';

type Pair = components['schemas']['DuplicatePair'];
type Status = Pair['status'];
type Entity = Pair['left']['entityType'];

/** The review queue: pairs the server found, with what they share; dismiss or merge. */
export function DuplicatesPage() {
  const t = useT(leadMessages);
  const [status, setStatus] = useState<Status>('open');
  const [entityType, setEntityType] = useState<Entity | undefined>(undefined);
  const [action, setAction] = useState<{ pair: Pair; kind: 'merge' | 'dismiss' } | null>(null);
  const pages = useCursorPages(`${status}/${entityType ?? ''}`);
  const query = {
    status,
    limit: 20,
    ...(entityType ? { entityType } : {}),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const pairs = useApiQuery(['duplicates', query], () =>
    api.GET('/api/v1/duplicates', { params: { query } }),
  );
  const recordLink = (side: Pair['left']) =>
    side.entityType === 'lead' ? <Link to={`/leads/${side.id}`}>{side.name}</Link> : side.name;
  return (
    <>
      <Link to="/leads" className="pw-back">
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <PageHeader title={t('dup.title')} subtitle={t('dup.subtitle')} />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Flex wrap gap="small">
            <Form.Item label={t('dup.statusFilter')} htmlFor="dup-status">
              <Select<Status>
                id="dup-status"
                style={{ minWidth: 140 }}
                value={status}
                onChange={setStatus}
                options={(['open', 'dismissed', 'merged'] as const).map((s) => ({
                  value: s,
                  label: t(`dup.status.${s}`),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('dup.entity')} htmlFor="dup-entity">
              <Select<Entity | undefined>
                id="dup-entity"
                style={{ minWidth: 140 }}
                allowClear
                placeholder={t('dup.entity.all')}
                value={entityType}
                onChange={setEntityType}
                options={(['lead', 'account', 'contact'] as const).map((e) => ({
                  value: e,
                  label: t(`dup.entity.${e}`),
                }))}
              />
            </Form.Item>
          </Flex>
        </Form>
        <QueryState
          query={pairs}
          rows={6}
          isEmpty={(page) => page.items.length === 0}
          empty={t('dup.empty')}
        >
          {(page) => (
            <>
              <Table<Pair>
                rowKey="id"
                size="middle"
                pagination={false}
                scroll={{ x: 720 }}
                data-testid="duplicates"
                dataSource={page.items}
                columns={[
                  {
                    title: t('dup.kind'),
                    dataIndex: 'type',
                    render: (_, p) => t(`dup.type.${p.type}`),
                  },
                  { title: t('dup.left'), key: 'left', render: (_, p) => recordLink(p.left) },
                  { title: t('dup.right'), key: 'right', render: (_, p) => recordLink(p.right) },
                  {
                    title: t('dup.reasons'),
                    key: 'reasons',
                    render: (_, p) =>
                      p.reasons.map((reason) => <Tag key={reason}>{t(`reason.${reason}`)}</Tag>),
                  },
                  { title: t('dup.score'), dataIndex: 'score', align: 'right' },
                  {
                    title: t('dup.actions'),
                    key: 'actions',
                    render: (_, p) =>
                      p.status !== 'open' ? (
                        t(`dup.status.${p.status}`)
                      ) : (
                        <Flex gap="small" wrap>
                          <Button
                            size="small"
                            onClick={() => setAction({ pair: p, kind: 'dismiss' })}
                          >
                            {t('dup.dismiss')}
                          </Button>
                          <Button
                            size="small"
                            type="primary"
                            disabled={!p.mergeable}
                            title={p.mergeable ? undefined : t('dup.notMergeable')}
                            onClick={() => setAction({ pair: p, kind: 'merge' })}
                          >
                            {t('dup.merge')}
                          </Button>
                        </Flex>
                      ),
                  },
                ]}
              />
              <CursorPager pages={pages} nextCursor={page.nextCursor} />
            </>
          )}
        </QueryState>
      </Card>
      {action?.kind === 'merge' ? (
        <MergeDialog
          pair={action.pair}
          onClose={(done) => {
            setAction(null);
            if (done) void message.success(t('dup.merged'));
          }}
        />
      ) : null}
      {action?.kind === 'dismiss' ? (
        <DismissDialog
          pair={action.pair}
          onClose={(done) => {
            setAction(null);
            if (done) void message.success(t('dup.dismissed'));
          }}
        />
      ) : null}
    </>
  );
}
