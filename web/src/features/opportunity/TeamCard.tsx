import { DeleteOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Flex,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { dealKey, useUserNames } from './data';
import { canSave, draftOf, linesOf, mayHold, SPLIT_TYPES, totalBp } from './splits-draft';
import type { DealTeam, SplitsDraft, SplitType } from './splits-draft';
import { teamMessages } from './team-messages';

type MemberRole = 'co_seller' | 'presales' | 'mentor' | 'viewer';
const MEMBER_ROLES: readonly MemberRole[] = ['co_seller', 'presales', 'mentor', 'viewer'];
const USERS_QUERY = { limit: 200, sort: 'name' } as const;

/** The deal's team (owner and members with roles) and its credit splits per type. */
export function TeamCard({ dealId }: { readonly dealId: string }) {
  const t = useT(teamMessages);
  const team = useApiQuery([...dealKey(dealId), 'team'], () =>
    api.GET('/api/v1/opportunities/{id}/team', { params: { path: { id: dealId } } }),
  );
  return (
    <SectionCard title={t('title')} testId="deal-team">
      <QueryState query={team} rows={4}>
        {(loaded) => <TeamEditor key={loaded.version} dealId={dealId} team={loaded} />}
      </QueryState>
    </SectionCard>
  );
}

function TeamEditor({ dealId, team }: { readonly dealId: string; readonly team: DealTeam }) {
  const t = useT(teamMessages);
  const nameOf = useUserNames();
  const users = useApiQuery(['users', USERS_QUERY], () =>
    api.GET('/api/v1/users', { params: { query: USERS_QUERY } }),
  );
  const [userId, setUserId] = useState<string>();
  const [role, setRole] = useState<MemberRole>('co_seller');
  const [draft, setDraft] = useState<SplitsDraft>(() => draftOf(team));
  const invalidates = [dealKey(dealId)];
  const add = useApiMutation(
    (input: { userId: string; role: MemberRole }) =>
      api.POST('/api/v1/opportunities/{id}/members', {
        params: { path: { id: dealId } },
        body: input,
      }),
    { invalidates },
  );
  const remove = useApiMutation(
    (member: string) =>
      api.DELETE('/api/v1/opportunities/{id}/members/{userId}', {
        params: { path: { id: dealId, userId: member } },
      }),
    { invalidates },
  );
  const save = useApiMutation(
    () =>
      api.PUT('/api/v1/opportunities/{id}/splits', {
        params: { path: { id: dealId } },
        body: { version: team.version, splits: linesOf(draft) },
      }),
    { invalidates },
  );
  const seated = new Set(team.members.map((member) => member.userId));
  const label = (id: string) => nameOf(id) ?? id;
  const setType = (type: SplitType, next: SplitsDraft[SplitType]) =>
    setDraft((current) => ({ ...current, [type]: next }));

  return (
    <>
      <List
        size="small"
        dataSource={team.members}
        renderItem={(member) => (
          <List.Item
            data-member={member.userId}
            actions={
              member.role === 'owner'
                ? []
                : [
                    <Popconfirm
                      key="remove"
                      title={t('remove.confirm')}
                      onConfirm={() => remove.mutate(member.userId)}
                    >
                      <Button
                        type="text"
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t('remove', { name: label(member.userId) })}
                      />
                    </Popconfirm>,
                  ]
            }
          >
            <span>{label(member.userId)}</span> <Tag>{t(`role.${member.role}`)}</Tag>
          </List.Item>
        )}
      />
      <Flex gap="small" wrap style={{ margin: '12px 0' }}>
        <Select<string>
          aria-label={t('add.user')}
          placeholder={t('add.user')}
          value={userId}
          onChange={setUserId}
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 180 }}
          options={(users.data?.items ?? [])
            .filter((user) => !seated.has(user.id))
            .map((user) => ({ value: user.id, label: user.name }))}
        />
        <Select<MemberRole>
          aria-label={t('add.role')}
          value={role}
          onChange={setRole}
          style={{ width: 130 }}
          options={MEMBER_ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
        />
        <Button
          disabled={!userId}
          loading={add.isPending}
          onClick={() => {
            if (userId) add.mutate({ userId, role }, { onSuccess: () => setUserId(undefined) });
          }}
        >
          {t('add.submit')}
        </Button>
      </Flex>
      <ProblemAlert problem={add.error ?? remove.error} />
      {SPLIT_TYPES.map((type) => {
        const typeDraft = draft[type];
        const holders = team.members.filter((member) => mayHold(member.role, type));
        const total = totalBp(typeDraft);
        return (
          <div key={type} data-split-type={type} style={{ marginTop: 12 }}>
            <Flex gap="small" align="center">
              <Typography.Text strong>{t(`type.${type}`)}</Typography.Text>
              <Checkbox
                checked={typeDraft.split}
                onChange={(event) => setType(type, { ...typeDraft, split: event.target.checked })}
              >
                {t('split.toggle')}
              </Checkbox>
              {typeDraft.split ? (
                <Typography.Text
                  data-testid={`split-total-${type}`}
                  type={total === 10_000 ? 'success' : 'danger'}
                >
                  {t('split.total', { total: total / 100 })}
                </Typography.Text>
              ) : null}
            </Flex>
            {typeDraft.split ? (
              holders.map((member) => (
                <Flex key={member.userId} gap="small" align="center" style={{ marginTop: 4 }}>
                  <span style={{ minWidth: 140 }}>{label(member.userId)}</span>
                  <InputNumber<number>
                    aria-label={t('split.share', { name: label(member.userId) })}
                    min={0}
                    max={100}
                    step={5}
                    precision={2}
                    value={typeDraft.shares[member.userId] ?? null}
                    onChange={(value) =>
                      setType(type, {
                        ...typeDraft,
                        shares: { ...typeDraft.shares, [member.userId]: value },
                      })
                    }
                  />
                </Flex>
              ))
            ) : (
              <Typography.Text type="secondary">{t('split.ownerAll')}</Typography.Text>
            )}
          </div>
        );
      })}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('split.mentorNote')}
      </Typography.Paragraph>
      {canSave(draft) ? null : <Alert type="warning" showIcon message={t('split.mustBeFull')} />}
      <ProblemAlert problem={save.error} />
      <Button
        type="primary"
        style={{ marginTop: 8 }}
        disabled={!canSave(draft)}
        loading={save.isPending}
        onClick={() => save.mutate()}
        data-testid="save-splits"
      >
        {t('split.save')}
      </Button>
    </>
  );
}
