import { Card, Form, Select, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { usePools } from './directory';
import { DormantPool } from './DormantPool';
import { poolMessages } from './messages';
import { PrivatePool } from './PrivatePool';
import { PublicPool } from './PublicPool';

const TABS = ['public', 'private', 'dormant'] as const;
type Tab = (typeof TABS)[number];

/** 公海 / 私海 / 沉寂: the tab and the pool are in the URL, so a view can be shared. */
export default function PoolsPage() {
  const t = useT(poolMessages);
  const [params, setParams] = useSearchParams();
  const pools = usePools();
  const tab: Tab = TABS.find((key) => key === params.get('tab')) ?? 'public';
  const set = (key: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(key, value);
      return next;
    });
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => set('tab', key)}
          items={TABS.map((key) => ({ key, label: t(`tab.${key}`) }))}
        />
        {tab === 'private' ? (
          <PrivatePool />
        ) : (
          <QueryState
            query={pools}
            rows={6}
            isEmpty={(page) => page.items.length === 0}
            empty={t('pool.none')}
          >
            {(page) => {
              const chosen =
                page.items.find((pool) => pool.id === params.get('pool')) ??
                page.items.find((pool) => pool.isDefault) ??
                page.items[0];
              if (!chosen) return null;
              return (
                <>
                  <Form layout="inline" style={{ marginBottom: 16 }}>
                    <Form.Item label={t('pool.label')} htmlFor="pool-choice">
                      <Select
                        id="pool-choice"
                        style={{ minWidth: 200 }}
                        value={chosen.id}
                        onChange={(id: string) => set('pool', id)}
                        options={page.items.map((pool) => ({ value: pool.id, label: pool.name }))}
                      />
                    </Form.Item>
                  </Form>
                  {tab === 'public' ? <PublicPool pool={chosen} /> : <DormantPool pool={chosen} />}
                </>
              );
            }}
          </QueryState>
        )}
      </Card>
    </>
  );
}
