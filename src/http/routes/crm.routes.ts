import type { FastifyInstance } from 'fastify';
import {
  createAccount,
  deleteAccount,
  getAccount,
  listAccountsPage,
  restoreAccount,
  updateAccount,
} from '../../app/accounts.service.js';
import {
  createContact,
  deleteContact,
  getContact,
  listContactsPage,
  restoreContact,
  updateContact,
} from '../../app/contacts.service.js';
import type { AppContext } from '../../app/context.js';
import {
  createLead,
  deleteLead,
  getLead,
  listLeadsPage,
  restoreLead,
  updateLead,
} from '../../app/leads.service.js';
import { registerCrud } from '../crud.js';
import { pageOf } from '../schemas/common.js';
import {
  Account,
  AccountCreate,
  AccountListQuery,
  AccountPatch,
  Contact,
  ContactCreate,
  ContactListQuery,
  ContactPatch,
  Lead,
  LeadCreate,
  LeadListQuery,
  LeadPatch,
} from '../schemas/crm.schema.js';

export function crmRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  registerCrud(fastify, ctx, {
    path: '/accounts',
    tag: 'Accounts',
    names: { one: 'Account', many: 'Accounts' },
    item: Account,
    page: pageOf(Account, 'AccountPage'),
    create: AccountCreate,
    patch: AccountPatch,
    listQuery: AccountListQuery,
    softDelete: true,
    mergeable: true,
    service: {
      create: createAccount,
      list: (c, p, { limit, cursor, sort, topLevel, ...filter }) =>
        listAccountsPage(
          c,
          p,
          { ...filter, topLevel: topLevel === 'true' },
          { limit, cursor, sort },
        ),
      get: getAccount,
      update: updateAccount,
      remove: deleteAccount,
      restore: restoreAccount,
    },
  });

  registerCrud(fastify, ctx, {
    path: '/contacts',
    tag: 'Contacts',
    names: { one: 'Contact', many: 'Contacts' },
    item: Contact,
    page: pageOf(Contact, 'ContactPage'),
    create: ContactCreate,
    patch: ContactPatch,
    listQuery: ContactListQuery,
    softDelete: true,
    mergeable: true,
    service: {
      create: createContact,
      list: (c, p, { limit, cursor, sort, ...filter }) =>
        listContactsPage(c, p, filter, { limit, cursor, sort }),
      get: getContact,
      update: updateContact,
      remove: deleteContact,
      restore: restoreContact,
    },
  });

  registerCrud(fastify, ctx, {
    path: '/leads',
    tag: 'Leads',
    names: { one: 'Lead', many: 'Leads' },
    item: Lead,
    page: pageOf(Lead, 'LeadPage'),
    create: LeadCreate,
    patch: LeadPatch,
    listQuery: LeadListQuery,
    softDelete: true,
    mergeable: true,
    service: {
      create: createLead,
      list: (c, p, { limit, cursor, sort, ...filter }) =>
        listLeadsPage(c, p, filter, { limit, cursor, sort }),
      get: getLead,
      update: updateLead,
      remove: deleteLead,
      restore: restoreLead,
    },
  });
}
