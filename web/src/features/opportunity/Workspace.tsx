import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Col, Row, Skeleton } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { ActivityTimeline } from './ActivityTimeline';
import { AttachmentsCard } from './AttachmentsCard';
import { AuditCard } from './AuditCard';
import { CloseDialog } from './CloseDialog';
import type { Outcome } from './CloseDialog';
import type { Opportunity, Pipeline } from './data';
import { useDeal, usePipeline } from './data';
import { DealApprovalsCard } from '../approvals/DealApprovalsCard';
import { DecisionChain } from './DecisionChain';
import { DetailsCard } from './DetailsCard';
import { HistoryCard } from './HistoryCard';
import { opportunityMessages } from './messages';
import { ProductsCard } from './ProductsCard';
import { QuotesCard } from '../quotes/QuotesCard';
import { CreateContractButton } from '../contracts/CreateContractButton';
import { ReopenDialog } from './ReopenDialog';
import { ScorecardCard } from './ScorecardCard';
import { StagePath } from './StagePath';
import { StatusTag } from './StatusTag';
import { TasksCard } from './TasksCard';
import { TeamCard } from './TeamCard';
import { WinProbabilityCard } from './WinProbabilityCard';

/** `?close=won|lost` opens the close dialog (the board sends a drop on a closed column here). */
const DIALOG_PARAM = 'close';
type Dialog = Outcome | 'reopen';

function dialogOf(value: string | null): Dialog | null {
  return value === 'won' || value === 'lost' || value === 'reopen' ? value : null;
}

/** One deal: where it stands on its path, what to do next, and everything that happened. */
export function Workspace() {
  const { id = '' } = useParams();
  const deal = useDeal(id);
  const pipeline = usePipeline(deal.data?.pipelineId);
  return (
    <QueryState query={deal} rows={14}>
      {(d) =>
        pipeline.data ? (
          <Loaded deal={d} pipeline={pipeline.data} />
        ) : (
          <QueryState query={pipeline} rows={14}>
            {() => <Skeleton active title={false} paragraph={{ rows: 14 }} />}
          </QueryState>
        )
      }
    </QueryState>
  );
}

function Loaded({ deal, pipeline }: { readonly deal: Opportunity; readonly pipeline: Pipeline }) {
  const t = useT(opportunityMessages);
  const [params, setParams] = useSearchParams();
  const requested = dialogOf(params.get(DIALOG_PARAM));
  // A close applies to an open deal, a reopen to a closed one; anything else is ignored.
  const dialog =
    requested === 'reopen'
      ? deal.status !== 'open'
        ? requested
        : null
      : deal.status === 'open'
        ? requested
        : null;
  const show = (next: Dialog | null) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next) copy.set(DIALOG_PARAM, next);
        else copy.delete(DIALOG_PARAM);
        return copy;
      },
      { replace: true },
    );
  return (
    <div data-testid="workspace" data-opportunity={deal.id} data-version={deal.version}>
      <Link to=".." relative="path">
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <PageHeader
        title={deal.name}
        subtitle={<StatusTag status={deal.status} />}
        extra={
          deal.status === 'open' ? (
            <>
              <Button type="primary" onClick={() => show('won')} data-testid="close-won">
                {t('action.closeWon')}
              </Button>
              <Button danger onClick={() => show('lost')} data-testid="close-lost">
                {t('action.closeLost')}
              </Button>
            </>
          ) : (
            <>
              {deal.status === 'won' ? <CreateContractButton dealId={deal.id} /> : null}
              <Button onClick={() => show('reopen')} data-testid="reopen">
                {t('action.reopen')}
              </Button>
            </>
          )
        }
      />
      <StagePath deal={deal} pipeline={pipeline} />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <DetailsCard deal={deal} pipeline={pipeline} />
          <ProductsCard deal={deal} />
          <QuotesCard
            dealId={deal.id}
            currency={deal.amount.currency}
            open={deal.status === 'open'}
          />
          <ActivityTimeline dealId={deal.id} />
          <TasksCard dealId={deal.id} />
          <AttachmentsCard dealId={deal.id} />
          <ScorecardCard dealId={deal.id} open={deal.status === 'open'} />
        </Col>
        <Col xs={24} lg={9}>
          <WinProbabilityCard dealId={deal.id} />
          <DecisionChain deal={deal} />
          <DealApprovalsCard dealId={deal.id} />
          <TeamCard dealId={deal.id} />
          <HistoryCard dealId={deal.id} pipeline={pipeline} />
          <AuditCard dealId={deal.id} />
        </Col>
      </Row>
      {dialog === 'won' || dialog === 'lost' ? (
        <CloseDialog deal={deal} outcome={dialog} onClose={() => show(null)} />
      ) : null}
      {dialog === 'reopen' ? (
        <ReopenDialog deal={deal} pipeline={pipeline} onClose={() => show(null)} />
      ) : null}
    </div>
  );
}
