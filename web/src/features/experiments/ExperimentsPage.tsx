import { Route, Routes } from 'react-router';
import { ExperimentList } from './ExperimentList';
import { ExperimentReport } from './ExperimentReport';

/** A/B experiments: the list (create, start, stop) and each experiment's report. */
export default function ExperimentsPage() {
  return (
    <Routes>
      <Route index element={<ExperimentList />} />
      <Route path=":id" element={<ExperimentReport />} />
    </Routes>
  );
}
