import { Button, List, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useApiMutation } from '../../api/query';
import type { components } from '../../api/schema';
import { useLocale, useT } from '../../i18n/locale-context';
import { dealKey } from './data';
import { opportunityMessages } from './messages';

type Material = components['schemas']['Guidance']['materials'][number];

/** The stage's sales materials: open them, and record which were used with the customer. */
export function Materials({
  dealId,
  materials,
}: {
  readonly dealId: string;
  readonly materials: readonly Material[];
}) {
  const t = useT(opportunityMessages);
  const { locale } = useLocale();
  const use = useApiMutation(
    (key: string) =>
      api.POST('/api/v1/opportunities/{id}/playbook', {
        params: { path: { id: dealId } },
        body: { kind: 'material', key },
      }),
    { invalidates: [dealKey(dealId)] },
  );
  const title = (m: Material) => (locale === 'zh-CN' ? m.titleZh : m.titleEn);
  return (
    <section aria-labelledby="materials-title" data-testid="materials">
      <Typography.Title level={3} style={{ fontSize: 15 }} id="materials-title">
        {t('path.materials')}
      </Typography.Title>
      <ProblemAlert problem={use.error} />
      {materials.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('path.noMaterials')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={[...materials]}
          renderItem={(material) => (
            <List.Item
              data-material={material.key}
              actions={[
                material.used ? (
                  <Tag key="used" color="green">
                    {t('path.used')}
                  </Tag>
                ) : (
                  <Button
                    key="use"
                    size="small"
                    loading={use.isPending && use.variables === material.key}
                    onClick={() => use.mutate(material.key)}
                  >
                    {t('path.markUsed')}
                  </Button>
                ),
              ]}
            >
              {material.url ? (
                <a href={material.url} target="_blank" rel="noreferrer">
                  {title(material)}
                </a>
              ) : (
                title(material)
              )}
            </List.Item>
          )}
        />
      )}
    </section>
  );
}
