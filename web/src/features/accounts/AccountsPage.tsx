import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { Account360 } from './Account360';
import { AccountTreePage } from './AccountTreePage';
import { ContactPage } from './ContactPage';

/** Accounts: the customer tree, one account's 360° page, and contact pages. */
export default function AccountsPage() {
  return (
    <Routes>
      <Route index element={<AccountTreePage />} />
      <Route path="contacts/:contactId" element={<ContactPage />} />
      <Route path=":accountId" element={<Account360 />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
