import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import type { FormListFieldData } from 'antd';
import { useT } from '../../../i18n/locale-context';
import { settingsMessages } from '../messages';
import { CriteriaList } from './CriteriaList';
import { emptyToNull } from './types';

const KINDS = ['open', 'won', 'lost'] as const;
const FORECASTS = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;

/** One stage of the editor: every field the pipeline definition allows for a stage. */
export function StageFields({
  field,
  index,
  count,
  onRemove,
  onMove,
}: {
  readonly field: FormListFieldData;
  readonly index: number;
  readonly count: number;
  readonly onRemove: () => void;
  readonly onMove: (to: number) => void;
}) {
  const t = useT(settingsMessages);
  const n = field.name;
  return (
    <div data-testid={`stage-${String(index)}`}>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={[n, 'key']} label={t('key')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[n, 'nameZh']} label={t('nameZh')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[n, 'nameEn']} label={t('nameEn')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[n, 'kind']} label={t('stage.kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`stage.kind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[n, 'probability']} label={t('stage.probability')}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[n, 'forecastCategory']} label={t('stage.forecastCategory')}>
            <Select options={FORECASTS.map((f) => ({ value: f, label: t(`forecast.${f}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[n, 'targetConversion']} label={t('stage.targetConversion')}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[n, 'expectedDwellDays']} label={t('stage.expectedDwellDays')}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[n, 'cadenceDays']} label={t('stage.cadenceDays')}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[n, 'approval']}
            label={t('stage.approval')}
            getValueProps={(value: { approver: string } | null | undefined) => ({
              value: value?.approver ?? 'none',
            })}
            normalize={(value: string) => (value === 'none' ? null : { approver: value })}
          >
            <Select
              options={(['none', 'manager', 'admin'] as const).map((a) => ({
                value: a,
                label: t(`approval.${a}`),
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[n, 'guidance']} label={t('stage.guidance')} normalize={emptyToNull}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>

      <Typography.Title level={4} style={{ fontSize: 14 }}>
        {t('stage.actions')}
      </Typography.Title>
      <Form.List name={[n, 'actions']}>
        {(actions, { add, remove }) => (
          <>
            {actions.map((action) => (
              <Space key={action.key} wrap align="start">
                <Form.Item name={[action.name, 'key']} label={t('key')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[action.name, 'nameZh']} label={t('nameZh')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[action.name, 'nameEn']} label={t('nameEn')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[action.name, 'required']} valuePropName="checked" label=" ">
                  <Checkbox>{t('action.required')}</Checkbox>
                </Form.Item>
                <Form.Item label=" ">
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('remove')}
                    onClick={() => remove(action.name)}
                  />
                </Form.Item>
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ key: '', nameZh: '', nameEn: '', required: false })}
              style={{ marginBottom: 16 }}
            >
              {t('stage.addAction')}
            </Button>
          </>
        )}
      </Form.List>

      <Typography.Title level={4} style={{ fontSize: 14 }}>
        {t('stage.materials')}
      </Typography.Title>
      <Form.List name={[n, 'materials']}>
        {(materials, { add, remove }) => (
          <>
            {materials.map((material) => (
              <Space key={material.key} wrap align="start">
                <Form.Item name={[material.name, 'key']} label={t('key')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[material.name, 'titleZh']} label={t('material.titleZh')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[material.name, 'titleEn']} label={t('material.titleEn')}>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[material.name, 'url']}
                  label={t('material.url')}
                  normalize={emptyToNull}
                >
                  <Input type="url" />
                </Form.Item>
                <Form.Item label=" ">
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('remove')}
                    onClick={() => remove(material.name)}
                  />
                </Form.Item>
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ key: '', titleZh: '', titleEn: '', url: null })}
              style={{ marginBottom: 16 }}
            >
              {t('stage.addMaterial')}
            </Button>
          </>
        )}
      </Form.List>

      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <CriteriaList stage={n} list="entry" title={t('stage.entry')} />
        </Col>
        <Col xs={24} lg={12}>
          <CriteriaList stage={n} list="exit" title={t('stage.exit')} />
        </Col>
      </Row>

      <Space wrap>
        <Button
          icon={<ArrowUpOutlined />}
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
          aria-label={t('stage.moveUp')}
        />
        <Button
          icon={<ArrowDownOutlined />}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
          aria-label={t('stage.moveDown')}
        />
        <Button danger icon={<DeleteOutlined />} onClick={onRemove}>
          {t('remove')}
        </Button>
      </Space>
    </div>
  );
}
