import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { ContractDetail } from './ContractDetail';
import { ContractList } from './ContractList';

/** Contracts: the list and one contract's page (plan, orders, receipts, recognition). */
export default function ContractsPage() {
  return (
    <Routes>
      <Route index element={<ContractList />} />
      <Route path=":contractId" element={<ContractDetail />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
