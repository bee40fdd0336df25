import { randomBytes } from 'node:crypto';
import { createTenant } from '../../src/app/tenants.service.js';
import type { Tenant } from '../../src/domain/tenancy/tenant.js';
import type { User } from '../../src/domain/tenancy/user.js';
import { ApiClient } from './client.js';
import type { TestServer } from './server.js';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestTenant {
  readonly tenant: Tenant;
  readonly admin: User;
  readonly client: ApiClient;
}

/** A fresh tenant with a signed-in admin client. */
export async function createTestTenant(server: TestServer, locale = 'en'): Promise<TestTenant> {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const { tenant, admin } = await createTenant(
    server.runtime.ctx,
    { slug, name: slug, admin: { email: `admin@${slug}.test`, password: TEST_PASSWORD } },
    'test-setup',
  );
  const client = await new ApiClient(server.url, locale).signIn(admin.email, TEST_PASSWORD);
  return { tenant, admin, client };
}
