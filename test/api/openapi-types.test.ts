import { describe, expect, it } from 'vitest';
import { committedSchemaTypes, generateSchemaTypes } from '../../scripts/openapi-types.js';

/**
 * The web app's API types (web/src/api/schema.d.ts) are generated from the server's
 * OpenAPI document and committed; a route or schema change must regenerate them, or the
 * UI would type-check against an API that no longer exists.
 */
describe('web API types', () => {
  it('match the OpenAPI document the server serves', async () => {
    const fresh = await generateSchemaTypes();
    const stale = committedSchemaTypes() !== fresh;
    expect(
      stale,
      'web/src/api/schema.d.ts is stale: run `npm run api:types` and commit the result',
    ).toBe(false);
  }, 60_000);
});
