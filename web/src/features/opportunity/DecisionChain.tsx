import { Tag, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import type { Opportunity } from './data';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

type Contact = components['schemas']['Contact'];
interface Node {
  readonly contact: Contact;
  readonly reports: Node[];
}

const ATTITUDE_COLOURS = {
  supporter: 'green',
  neutral: 'default',
  opponent: 'red',
  unknown: 'default',
} as const;

/**
 * The contacts' reporting lines as a tree; a contact whose manager is not among the
 * account's contacts (or who has none) starts a tree of their own.
 */
export function reportingTrees(contacts: readonly Contact[]): Node[] {
  const nodes = new Map(
    contacts.map((contact) => [contact.id, { contact, reports: [] as Node[] }]),
  );
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const boss = node.contact.reportsToId ? nodes.get(node.contact.reportsToId) : undefined;
    if (boss && boss !== node) boss.reports.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The deal's account's people: who decides, who influences, and how they lean. */
export function DecisionChain({ deal }: { readonly deal: Opportunity }) {
  const t = useT(opportunityMessages);
  const query = { accountId: deal.accountId, limit: 200, sort: 'name' } as const;
  const contacts = useApiQuery(['contacts', query], () =>
    api.GET('/api/v1/contacts', { params: { query } }),
  );
  return (
    <SectionCard title={t('chain.title')} testId="decision-chain">
      <QueryState
        query={contacts}
        rows={4}
        isEmpty={(page) => page.items.length === 0}
        empty={t('chain.empty')}
      >
        {(page) => (
          <ul aria-label={t('chain.title')} style={{ paddingInlineStart: 0 }}>
            {reportingTrees(page.items).map((node) => (
              <Person key={node.contact.id} node={node} primaryId={deal.primaryContactId} />
            ))}
          </ul>
        )}
      </QueryState>
    </SectionCard>
  );
}

function Person({ node, primaryId }: { readonly node: Node; readonly primaryId: string | null }) {
  const t = useT(opportunityMessages);
  const { contact } = node;
  return (
    <li style={{ listStyle: 'none' }} data-contact={contact.id}>
      <div
        style={{
          border: '1px solid #d9d9d9',
          borderRadius: 6,
          padding: '6px 10px',
          margin: '4px 0',
          display: 'inline-block',
          minWidth: 200,
        }}
      >
        <Typography.Text strong>
          {contact.name}
          {contact.id === primaryId ? (
            <StarFilled style={{ color: '#faad14', marginInlineStart: 6 }} aria-hidden />
          ) : null}
        </Typography.Text>
        {contact.title ? (
          <Typography.Text type="secondary"> · {contact.title}</Typography.Text>
        ) : null}
        <div>
          <Tag color={contact.decisionRole ? 'blue' : 'default'} data-role={contact.decisionRole}>
            {contact.decisionRole ? t(`role.${contact.decisionRole}`) : t('chain.noRole')}
          </Tag>
          <Tag color={ATTITUDE_COLOURS[contact.attitude]} data-attitude={contact.attitude}>
            {t(`attitude.${contact.attitude}`)}
          </Tag>
        </div>
      </div>
      {node.reports.length > 0 ? (
        <ul
          style={{
            borderInlineStart: '2px solid #e5e7eb',
            marginInlineStart: 16,
            paddingInlineStart: 16,
          }}
        >
          {node.reports.map((report) => (
            <Person key={report.contact.id} node={report} primaryId={primaryId} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
