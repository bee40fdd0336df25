import { Route, Routes } from 'react-router';
import { OpportunityList } from './OpportunityList';
import { Workspace } from './Workspace';

/** /opportunities: a searchable list; /opportunities/:id: the deal's workspace. */
export default function OpportunityPage() {
  return (
    <Routes>
      <Route index element={<OpportunityList />} />
      <Route path=":id" element={<Workspace />} />
    </Routes>
  );
}
