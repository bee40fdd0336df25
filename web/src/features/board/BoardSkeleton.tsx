import { Skeleton } from 'antd';
import { common } from '../../i18n/common';
import { useT } from '../../i18n/locale-context';

/**
 * The board while it loads: empty columns of the final size (the stages' count once the
 * pipeline is known), so nothing moves when the cards arrive.
 */
export function BoardSkeleton({ columns }: { readonly columns: number }) {
  const t = useT(common);
  return (
    <div
      className="pw-board"
      aria-busy="true"
      aria-label={t('state.loading')}
      data-testid="board-skeleton"
    >
      {Array.from({ length: columns }, (_, index) => (
        <div key={index} className="pw-board-column">
          <div className="pw-board-column-head">
            <Skeleton
              active
              title={{ width: '60%' }}
              paragraph={{ rows: 2, width: ['40%', '90%'] }}
            />
          </div>
          <div className="pw-board-column-body">
            {[0, 1, 2].map((card) => (
              <div key={card} className="pw-board-card">
                <Skeleton active title={false} paragraph={{ rows: 3 }} />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
