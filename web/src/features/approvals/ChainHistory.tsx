import { Steps, Timeline, Typography } from 'antd';
import type { components } from '../../api/schema';
import { DateText } from '../../components/DateText';
import { useT } from '../../i18n/locale-context';
import { approvalsMessages } from './messages';

type Approval = components['schemas']['Approval'];
type Step = components['schemas']['ApprovalStep'];

/** Who a step asks, and who stands in for them. */
function useStepLabel(name: (id: string | null) => string) {
  const t = useT(approvalsMessages);
  return (step: Step) => {
    const approver = step.approverId === null ? t('step.admin') : name(step.approverId);
    return step.delegateId
      ? t('step.delegate', { name: name(step.delegateId), approver })
      : approver;
  };
}

/** The chain as steps: done, current, still to come. */
export function ChainProgress({
  approval,
  name,
}: {
  readonly approval: Approval;
  readonly name: (id: string | null) => string;
}) {
  const label = useStepLabel(name);
  const status = (step: Step) =>
    step.status === 'approved'
      ? 'finish'
      : step.status === 'rejected'
        ? 'error'
        : step.status === 'pending'
          ? 'process'
          : 'wait';
  return (
    <Steps
      size="small"
      current={approval.currentStep}
      items={approval.steps.map((step) => ({ title: label(step), status: status(step) }))}
    />
  );
}

/** Every decision, who made it (and for whom), the comment and the time. */
export function ChainHistory({
  approval,
  name,
}: {
  readonly approval: Approval;
  readonly name: (id: string | null) => string;
}) {
  const t = useT(approvalsMessages);
  const label = useStepLabel(name);
  const decider = (step: Step) => {
    const who = name(step.decidedBy);
    return step.onBehalfOf
      ? t('step.onBehalf', { name: who, approver: name(step.onBehalfOf) })
      : who;
  };
  const items = [
    {
      key: 'requested',
      children: (
        <>
          {t('history.requested', { name: name(approval.requestedBy) })} ·{' '}
          <DateText value={approval.createdAt} style="dateTime" />
        </>
      ),
    },
    ...approval.steps
      .filter((step) => step.status !== 'waiting')
      .map((step) => ({
        key: String(step.position),
        color: step.status === 'approved' ? 'green' : step.status === 'rejected' ? 'red' : 'blue',
        children: (
          <>
            {step.status === 'approved'
              ? t('history.approved', { name: decider(step) })
              : step.status === 'rejected'
                ? t('history.rejected', { name: decider(step) })
                : step.status === 'pending'
                  ? t('history.waiting', { name: label(step) })
                  : t('history.cancelled')}
            {step.decidedAt ? (
              <>
                {' · '}
                <DateText value={step.decidedAt} style="dateTime" />
              </>
            ) : null}
            {step.comment ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                “{step.comment}”
              </Typography.Paragraph>
            ) : null}
          </>
        ),
      })),
  ];
  return <Timeline items={items} />;
}
