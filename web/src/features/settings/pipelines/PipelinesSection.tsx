import { Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiQuery } from '../../../api/query';
import { QueryState } from '../../../components/QueryState';
import { useLocalName, useT } from '../../../i18n/locale-context';
import { settingsMessages } from '../messages';
import { SectionCard } from '../../../components/SectionCard';
import { PipelineEditor } from './PipelineEditor';
import { PipelineFileCard } from './PipelineFileCard';

/** Pick a pipeline, edit it in the form editor, or export and import it as a YAML file. */
export default function PipelinesSection() {
  const t = useT(settingsMessages);
  const localName = useLocalName();
  const [chosen, setChosen] = useState<string | null>(null);
  const pipelines = useApiQuery(['pipelines', 'list'], () => api.GET('/api/v1/pipelines'));
  return (
    <QueryState query={pipelines} rows={10} isEmpty={(page) => page.items.length === 0}>
      {(page) => {
        const pipeline =
          page.items.find((p) => p.id === chosen) ??
          page.items.find((p) => p.isDefault) ??
          page.items[0];
        if (!pipeline) return null;
        return (
          <>
            <SectionCard
              title={t('pipeline.editor')}
              extra={
                <Space wrap>
                  <label htmlFor="settings-pipeline-pick">{t('pipeline.pick')}</label>
                  <Select
                    id="settings-pipeline-pick"
                    data-testid="settings-pipeline-pick"
                    style={{ minWidth: 220 }}
                    value={pipeline.id}
                    onChange={setChosen}
                    options={page.items.map((p) => ({
                      value: p.id,
                      label: (
                        <>
                          {localName(p)}
                          {p.isDefault ? (
                            <Tag style={{ marginInlineStart: 8 }}>{t('pipeline.default')}</Tag>
                          ) : null}
                          {p.archivedAt ? <Tag>{t('pipeline.archived')}</Tag> : null}
                        </>
                      ),
                    }))}
                  />
                </Space>
              }
            >
              <PipelineEditor key={pipeline.id} pipeline={pipeline} />
            </SectionCard>
            <PipelineFileCard key={pipeline.id} pipeline={pipeline} />
          </>
        );
      }}
    </QueryState>
  );
}
