import { Tag } from 'antd';
import { useT } from '../../i18n/locale-context';
import type { Opportunity } from './data';
import { opportunityMessages } from './messages';

const COLOURS = { open: 'blue', won: 'green', lost: 'red' } as const;

export function StatusTag({ status }: { readonly status: Opportunity['status'] }) {
  const t = useT(opportunityMessages);
  return (
    <Tag color={COLOURS[status]} data-testid="deal-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
