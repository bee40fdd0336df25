import type { Review } from '../domain/opportunities/review.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { listReviews } from '../store/reviews.repo.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { getEntity } from './entity.js';
import { opportunityStore } from './opportunity-store.js';
import { dbFor } from './transaction.js';

export async function listOpportunityReviews(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<Review[]> {
  authorize(principal, 'opportunities.read');
  await getEntity(ctx, principal, opportunityStore, opportunityId);
  return listReviews(dbFor(ctx), principal.tenantId, opportunityId);
}
