import { Col, Row } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/locale-context';
import { ApprovalQueue } from './ApprovalQueue';
import { DelegationCard } from './DelegationCard';
import { approvalsMessages } from './messages';

/** The approvals queue: what waits for my sign-off, and my stand-in while I am away. */
export default function ApprovalsPage() {
  const t = useT(approvalsMessages);
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={16}>
          <ApprovalQueue />
        </Col>
        <Col xs={24} xl={8}>
          <DelegationCard />
        </Col>
      </Row>
    </>
  );
}
