import { Button, Card, Input, List, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { PageHeader } from '../../components/PageHeader';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { accountMessages } from './messages';

type Account = components['schemas']['Account'];
const PAGE = 100;

function AccountLink({ account }: { readonly account: Account }) {
  return (
    <Link to={`/accounts/${account.id}`} data-account={account.id}>
      {account.name}
    </Link>
  );
}

function nodeOf(account: Account): TreeDataNode {
  return { key: account.id, title: <AccountLink account={account} /> };
}

function problemOf(error: unknown): ApiProblem {
  return error instanceof ApiProblem ? error : ApiProblem.network(error);
}

/** Puts loaded children under the node with `key`, anywhere in the tree. */
function withChildren(
  nodes: TreeDataNode[],
  key: string,
  children: TreeDataNode[],
): TreeDataNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children, isLeaf: children.length === 0 };
    if (node.children) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}

/**
 * The customer tree, loaded lazily: the top-level accounts first (`topLevel=true`), then
 * each group's subsidiaries when it is opened (`parentId=`). A search shows a flat list.
 */
export function AccountTreePage() {
  const t = useT(accountMessages);
  const [q, setQ] = useState('');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <label htmlFor="account-search" style={{ display: 'block', marginBottom: 8 }}>
          {t('search')}
        </label>
        <Input.Search
          id="account-search"
          allowClear
          placeholder={t('search.placeholder')}
          onSearch={(value) => setQ(value.trim())}
          style={{ maxWidth: 420 }}
        />
      </Card>
      {q ? <SearchResults q={q} /> : <CustomerTree />}
    </>
  );
}

function SearchResults({ q }: { readonly q: string }) {
  const t = useT(accountMessages);
  const found = useApiQuery(['accounts', 'search', q], () =>
    api.GET('/api/v1/accounts', { params: { query: { q, limit: PAGE, sort: 'name' } } }),
  );
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('results')}</h2>}>
      <QueryState query={found} rows={6} isEmpty={(page) => page.items.length === 0}>
        {(page) => (
          <List
            dataSource={[...page.items]}
            renderItem={(account) => (
              <List.Item>
                <AccountLink account={account} />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}

function CustomerTree() {
  const t = useT(accountMessages);
  const roots = useApiQuery(['accounts', 'roots'], () =>
    api.GET('/api/v1/accounts', {
      params: { query: { topLevel: 'true', limit: PAGE, sort: 'name' } },
    }),
  );
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('tree')}</h2>}>
      <QueryState
        query={roots}
        rows={10}
        isEmpty={(page) => page.items.length === 0}
        empty={t('tree.empty')}
      >
        {(page) => <LazyTree key={page.items.map((a) => a.id).join()} first={page} />}
      </QueryState>
    </Card>
  );
}

function LazyTree({ first }: { readonly first: components['schemas']['AccountPage'] }) {
  const t = useT(accountMessages);
  const [nodes, setNodes] = useState<TreeDataNode[]>(() => first.items.map(nodeOf));
  const [cursor, setCursor] = useState<string | null>(first.nextCursor);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  async function loadChildren(node: TreeDataNode): Promise<void> {
    if (node.children) return;
    const parentId = String(node.key);
    try {
      const page = await unwrap(
        api.GET('/api/v1/accounts', { params: { query: { parentId, limit: 200, sort: 'name' } } }),
      );
      setFailure(null);
      setNodes((current) => withChildren(current, parentId, page.items.map(nodeOf)));
    } catch (error) {
      setFailure(problemOf(error));
    }
  }

  async function more(): Promise<void> {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await unwrap(
        api.GET('/api/v1/accounts', {
          params: { query: { topLevel: 'true', limit: PAGE, sort: 'name', cursor } },
        }),
      );
      setNodes((current) => [...current, ...page.items.map(nodeOf)]);
      setCursor(page.nextCursor);
      setFailure(null);
    } catch (error) {
      setFailure(problemOf(error));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <FormProblem problem={failure} />
      <Tree
        data-testid="account-tree"
        aria-label={t('tree')}
        treeData={nodes}
        loadData={loadChildren}
        blockNode
        selectable={false}
      />
      {cursor ? (
        <Button style={{ marginTop: 12 }} loading={loadingMore} onClick={() => void more()}>
          {t('more')}
        </Button>
      ) : null}
    </>
  );
}
