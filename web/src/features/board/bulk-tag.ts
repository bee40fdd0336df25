import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';

type Opportunity = components['schemas']['Opportunity'];

/**
 * Adds one tag to several deals. The API has no bulk endpoint, so each deal gets its own
 * PATCH with its version (a deal changed meanwhile answers 409 and is reported, not
 * overwritten); the server dedupes tags without regard to case.
 */
export async function addTag(
  deals: readonly Opportunity[],
  tag: string,
): Promise<{ done: number; failed: ApiProblem[] }> {
  const results = await Promise.allSettled(
    deals.map((deal) =>
      unwrap(
        api.PATCH('/api/v1/opportunities/{id}', {
          params: { path: { id: deal.id } },
          body: { version: deal.version, tags: [...deal.tags, tag] },
        }),
      ),
    ),
  );
  const failed = results.flatMap((result) =>
    result.status === 'rejected'
      ? [result.reason instanceof ApiProblem ? result.reason : ApiProblem.network(result.reason)]
      : [],
  );
  return { done: results.length - failed.length, failed };
}
