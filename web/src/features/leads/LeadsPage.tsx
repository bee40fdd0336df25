import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Skeleton } from 'antd';
import { NotFound } from '../../app/NotFound';
import { DuplicatesPage } from './DuplicatesPage';
import { LeadDetail } from './LeadDetail';
import { LeadList } from './LeadList';

// The wizard (file reading, mapping) is its own chunk: most visits never open it.
const ImportWizard = lazy(() => import('../imports/ImportWizard'));

/** /leads (list), /leads/:id (detail), /leads/import (wizard), /leads/duplicates (review). */
export default function LeadsPage() {
  return (
    <Routes>
      <Route index element={<LeadList />} />
      <Route
        path="import"
        element={
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <ImportWizard />
          </Suspense>
        }
      />
      <Route path="duplicates" element={<DuplicatesPage />} />
      <Route path=":id" element={<LeadDetail />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
