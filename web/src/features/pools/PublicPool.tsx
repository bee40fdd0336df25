import { Button, message } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session-context';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { CursorPager, useCursorPages } from '../leads/CursorPager';
import { HoldingBanner } from './HoldingBanner';
import { LeadRows } from './LeadRows';
import { poolMessages } from './messages';
import { OwnershipDialog } from './OwnershipDialog';
import type { DialogTarget } from './OwnershipDialog';
import { useOwnershipChange } from './ownership';

type Pool = components['schemas']['Pool'];

/** Unclaimed, active leads of one pool: claim (anyone), assign (staff). */
export function PublicPool({ pool }: { readonly pool: Pool }) {
  const t = useT(poolMessages);
  const { user } = useSession();
  const staff = user.role !== 'rep';
  const [dialog, setDialog] = useState<DialogTarget | null>(null);
  const pages = useCursorPages(pool.id);
  const query = {
    poolId: pool.id,
    lifecycle: 'active' as const,
    sort: '-score' as const,
    limit: 20,
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const leads = useApiQuery(['leads', 'pool', query], () =>
    api.GET('/api/v1/leads', { params: { query } }),
  );
  const claim = useOwnershipChange();
  return (
    <>
      <HoldingBanner poolId={pool.id} />
      <div aria-live="polite">
        <ProblemAlert problem={claim.error} />
      </div>
      <QueryState
        query={leads}
        rows={8}
        isEmpty={(page) => page.items.length === 0}
        empty={t('public.empty')}
      >
        {(page) => (
          <>
            <LeadRows
              testId="public-pool"
              leads={page.items.filter((lead) => lead.ownerId === null)}
              actions={(lead) => (
                <>
                  <Button
                    type="primary"
                    size="small"
                    loading={claim.isPending && claim.variables.id === lead.id}
                    onClick={() =>
                      claim.mutate(
                        {
                          kind: 'leads',
                          id: lead.id,
                          change: {
                            version: lead.version,
                            action: 'claim',
                            reason: t('claim.reason'),
                          },
                        },
                        {
                          onSuccess: () => void message.success(t('claimed', { name: lead.name })),
                        },
                      )
                    }
                  >
                    {t('claim')}
                  </Button>
                  {staff ? (
                    <Button
                      size="small"
                      onClick={() =>
                        setDialog({
                          kind: 'leads',
                          id: lead.id,
                          name: lead.name,
                          version: lead.version,
                          action: 'assign',
                        })
                      }
                    >
                      {t('assign')}
                    </Button>
                  ) : null}
                </>
              )}
            />
            <CursorPager pages={pages} nextCursor={page.nextCursor} />
          </>
        )}
      </QueryState>
      {dialog ? <OwnershipDialog target={dialog} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
