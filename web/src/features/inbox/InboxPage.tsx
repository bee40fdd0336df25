import { Col, Row } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/locale-context';
import { inboxMessages } from './messages';
import { NoticeList } from './NoticeList';
import { PreferencesPanel } from './PreferencesPanel';

/** The inbox: the user's notices, and how they want to receive them. */
export default function InboxPage() {
  const t = useT(inboxMessages);
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={14}>
          <NoticeList />
        </Col>
        <Col xs={24} xl={10}>
          <PreferencesPanel />
        </Col>
      </Row>
    </>
  );
}
