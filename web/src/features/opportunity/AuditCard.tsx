import { List, Typography } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { DateText } from '../../components/DateText';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { dealKey, useUserNames } from './data';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

type Entry = components['schemas']['AuditEntry'];
const NAMED_ACTIONS = [
  'create',
  'update',
  'delete',
  'restore',
  'move_stage',
  'add_member',
  'remove_member',
  'replace_splits',
  'move_team',
] as const;
/** Bookkeeping fields every write touches: not worth listing as "changed". */
const BOOKKEEPING = new Set(['version', 'updatedAt']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The names of the fields an audit entry changed (compared as JSON). */
export function changedFields(entry: Pick<Entry, 'before' | 'after'>): string[] {
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !BOOKKEEPING.has(key))
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .sort();
}

/** The deal's audit trail, newest first: what changed, who, when. */
export function AuditCard({ dealId }: { readonly dealId: string }) {
  const t = useT(opportunityMessages);
  const userName = useUserNames();
  const query = { entityType: 'opportunity', entityId: dealId, sort: '-at', limit: 50 } as const;
  const audit = useApiQuery([...dealKey(dealId), 'audit', query], () =>
    api.GET('/api/v1/audit', { params: { query } }),
  );
  const action = (entry: Entry) =>
    (NAMED_ACTIONS as readonly string[]).includes(entry.action)
      ? t(`audit.action.${entry.action as (typeof NAMED_ACTIONS)[number]}`)
      : t('audit.action.other', { action: entry.action });
  return (
    <SectionCard title={t('audit.title')} testId="audit">
      <QueryState
        query={audit}
        rows={4}
        isEmpty={(page) => page.items.length === 0}
        empty={t('audit.empty')}
      >
        {(page) => (
          <List
            size="small"
            dataSource={page.items}
            renderItem={(entry) => {
              const fields = entry.action === 'update' ? changedFields(entry) : [];
              return (
                <List.Item data-audit={entry.id} data-action={entry.action}>
                  <List.Item.Meta
                    title={`${action(entry)} · ${userName(entry.actorId) ?? t('common.unknownUser')}`}
                    description={
                      <>
                        <DateText value={entry.at} style="dateTime" />
                        {fields.length > 0 ? (
                          <Typography.Text type="secondary">
                            {' · '}
                            {t('audit.fields', { fields: fields.join(', ') })}
                          </Typography.Text>
                        ) : null}
                      </>
                    }
                  />
                </List.Item>
              );
            }}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}
