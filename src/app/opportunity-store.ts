import {
  findOpportunity,
  insertProducts,
  replaceProducts,
  toOpportunityRow,
} from '../store/opportunities.repo.js';
import { insertTags, replaceTags } from '../store/opportunity-tags.repo.js';
import { insertRow, saveVersioned } from '../store/rows.repo.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { EntityStore } from './entity.js';

/** An opportunity is its row plus its product lines and tags, saved together. */
export const opportunityStore: EntityStore<Opportunity> = {
  entityType: 'opportunity',
  visibleAs: 'opportunities',
  load: (db, tenantId, id) => findOpportunity(db, tenantId, id),
  insert: async (db, tenantId, opportunity) => {
    await insertRow(db, 'opportunities', toOpportunityRow(tenantId, opportunity));
    await insertProducts(db, tenantId, opportunity.id, opportunity.products);
    await insertTags(db, tenantId, opportunity.id, opportunity.tags);
  },
  save: async (db, tenantId, opportunity, expectedVersion) => {
    const saved = await saveVersioned(
      db,
      'opportunities',
      toOpportunityRow(tenantId, opportunity),
      expectedVersion,
    );
    if (saved) {
      await replaceProducts(db, tenantId, opportunity.id, opportunity.products);
      await replaceTags(db, tenantId, opportunity.id, opportunity.tags);
    }
    return saved;
  },
};
