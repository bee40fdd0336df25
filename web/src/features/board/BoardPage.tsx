import { Flex, Segmented, Select } from 'antd';
import { useState } from 'react';
import { Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import { BoardSkeleton } from './BoardSkeleton';
import { useBoard } from './board-query';
import { BoardView } from './BoardView';
import type { BoardFilters } from './filters';
import { boardMessages } from './messages';
import { OpportunityList } from './OpportunityList';
import './board.css';

/** Columns shown while the pipelines load: the usual pipeline has six stages. */
const USUAL_STAGES = 6;

/**
 * The pipeline board (`/board`) and the same deals as a list (`/board/list`), for the
 * picked pipeline and filters; both views keep the picked pipeline and filters.
 */
export default function BoardPage() {
  const t = useT(boardMessages);
  const localName = useLocalName();
  const { tenant } = useSession();
  const navigate = useNavigate();
  const list = useLocation().pathname.replace(/\/$/, '').endsWith('/list');
  // The picked pipeline is in the URL (?pipeline=<id>), so a board can be linked to.
  const [search, setSearch] = useSearchParams();
  const chosen = search.get('pipeline');
  const [filters, setFilters] = useState<BoardFilters>({});
  const pipelines = useApiQuery(['pipelines'], () => api.GET('/api/v1/pipelines'));
  // A linked board (?pipeline=<id>) asks for its cards at once, beside the pipelines list;
  // the board view below reads the same query from the cache.
  useBoard(list ? null : chosen, filters);
  const items = pipelines.data?.items ?? [];
  const pipeline = items.find((p) => p.id === chosen) ?? items.find((p) => p.isDefault) ?? items[0];
  const currency = tenant.defaultCurrency;

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            <Select
              aria-label={t('pipeline')}
              data-testid="pipeline-picker"
              style={{ minWidth: 220 }}
              loading={pipelines.isPending}
              value={pipeline?.id}
              onChange={(id: string) => {
                setSearch({ pipeline: id });
                setFilters({});
              }}
              options={items.map((p) => ({ value: p.id, label: localName(p) }))}
            />
            <Segmented
              aria-label={t('view.toggle')}
              value={list ? 'list' : 'board'}
              onChange={(view) =>
                void navigate({
                  pathname: view === 'list' ? '/board/list' : '/board',
                  search: search.toString(),
                })
              }
              options={[
                { value: 'board', label: t('view.board') },
                { value: 'list', label: t('view.list') },
              ]}
            />
          </Flex>
        }
      />
      {pipelines.isPending ? (
        <BoardSkeleton columns={USUAL_STAGES} />
      ) : (
        <QueryState query={pipelines} isEmpty={(page) => page.items.length === 0}>
          {() =>
            pipeline ? (
              <Routes>
                <Route
                  index
                  element={
                    <BoardView
                      key={pipeline.id}
                      pipelineId={pipeline.id}
                      stageCount={pipeline.stages.length}
                      filters={filters}
                      onFilters={setFilters}
                      currency={currency}
                    />
                  }
                />
                <Route
                  path="list"
                  element={
                    <OpportunityList
                      key={pipeline.id}
                      pipeline={pipeline}
                      filters={filters}
                      onFilters={setFilters}
                      currency={currency}
                    />
                  }
                />
              </Routes>
            ) : null
          }
        </QueryState>
      )}
    </>
  );
}
