import { Button } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session-context';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { CursorPager, useCursorPages } from '../leads/CursorPager';
import { LeadRows } from './LeadRows';
import { poolMessages } from './messages';
import { OwnershipDialog } from './OwnershipDialog';
import type { DialogTarget } from './OwnershipDialog';

type Pool = components['schemas']['Pool'];

/** Resting (沉寂) leads of one pool; staff re-activate them back into the public pool. */
export function DormantPool({ pool }: { readonly pool: Pool }) {
  const t = useT(poolMessages);
  const { user } = useSession();
  const [dialog, setDialog] = useState<DialogTarget | null>(null);
  const pages = useCursorPages(pool.id);
  const query = {
    poolId: pool.id,
    lifecycle: 'dormant' as const,
    limit: 20,
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const leads = useApiQuery(['leads', 'pool', query], () =>
    api.GET('/api/v1/leads', { params: { query } }),
  );
  return (
    <>
      <QueryState
        query={leads}
        rows={6}
        isEmpty={(page) => page.items.length === 0}
        empty={t('dormant.empty')}
      >
        {(page) => (
          <>
            <LeadRows
              testId="dormant-pool"
              leads={page.items}
              actions={(lead) =>
                user.role === 'rep' ? null : (
                  <Button
                    size="small"
                    onClick={() =>
                      setDialog({
                        kind: 'leads',
                        id: lead.id,
                        name: lead.name,
                        version: lead.version,
                        action: 'reactivate',
                      })
                    }
                  >
                    {t('reactivate')}
                  </Button>
                )
              }
            />
            <CursorPager pages={pages} nextCursor={page.nextCursor} />
          </>
        )}
      </QueryState>
      {dialog ? <OwnershipDialog target={dialog} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
