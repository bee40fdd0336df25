import { Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/locale-context';
import { lifecycleMessages } from './messages';

type DealKind = 'new' | 'renewal' | 'upsell' | 'cross_sell';
const COLOURS: Record<DealKind, string> = {
  new: 'default',
  renewal: 'purple',
  upsell: 'cyan',
  cross_sell: 'geekblue',
};

/** The deal's kind, and a link to the contract a renewal or expansion grows from. */
export function DealLineage({
  dealKind = 'new',
  originContractId = null,
}: {
  readonly dealKind?: DealKind | undefined;
  readonly originContractId?: string | null | undefined;
}) {
  const t = useT(lifecycleMessages);
  return (
    <Space size="small" data-testid="deal-kind" data-kind={dealKind}>
      <Tag color={COLOURS[dealKind]}>{t(`kind.${dealKind}`)}</Tag>
      {originContractId ? (
        <Link to={`/contracts/${originContractId}`} data-testid="deal-origin">
          {t('origin')}
        </Link>
      ) : null}
    </Space>
  );
}
