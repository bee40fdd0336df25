import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { VERSION } from '../project-root.js';
import { SESSION_COOKIE } from './request-context.js';

const tags = [
  { name: 'System', description: 'Health and service information' },
  { name: 'Session', description: 'Sign-in, sign-out and the current user' },
  { name: 'Tenant', description: 'Settings of your tenant (company)' },
  { name: 'Users', description: 'People who use Pipewright' },
  { name: 'Teams', description: 'The team tree with managers' },
  { name: 'Pools', description: 'Public pools (公海) of unowned leads and accounts' },
  { name: 'Accounts', description: 'Customers, with the customer tree (客户树)' },
  { name: 'Contacts', description: 'People at customers, with their decision-chain role' },
  { name: 'Leads', description: 'Potential customers before qualification (线索)' },
  { name: 'Duplicates', description: 'Possible duplicates to review, dismiss or merge' },
  { name: 'Pipelines', description: 'Sales processes and their stages (阶段)' },
  { name: 'Opportunities', description: 'Deals moving through a pipeline (商机)' },
  { name: 'Activities', description: 'Calls, visits, meetings, demos, e-mails and notes' },
  { name: 'Tasks', description: 'Follow-ups with due dates' },
  {
    name: 'Notifications',
    description: 'What the system tells you: missed follow-ups, escalations, recycled records',
  },
  { name: 'Approvals', description: 'Sign-offs gated stages wait for' },
  { name: 'Attachments', description: 'Files of a deal (proposals, contracts, quotes)' },
  { name: 'Settings', description: 'Win/loss reasons and custom fields' },
  { name: 'Audit', description: 'Who changed what, when' },
  { name: 'Data', description: 'Import from and export to CSV and XLSX files' },
];

/** OpenAPI 3.1 generated from the Zod schemas of the routes, plus the docs UI at /api/docs. */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pipewright API',
        version: VERSION,
        description:
          'Opportunity management: leads, pools, gated pipelines and the numbers behind them. Errors are RFC 9457 problem+json with a stable `code`; messages follow Accept-Language (zh-CN or en).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: publicUrl, description: 'This server' }],
      tags,
      components: {
        securitySchemes: {
          sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ sessionCookie: [] }],
    },
    transform: createJsonSchemaTransform({
      skipList: ['/api/docs', '/api/docs/*', '/api/openapi.json'],
    }),
    transformObject: (input) => pruneUnusedSchemas(jsonSchemaTransformObject(input)),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
}

type Document = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * The Zod registry holds every named schema in both an input and an output variant; keep
 * only the components the operations actually reach, so the document has no dead entries.
 */
function pruneUnusedSchemas(document: Document): Document {
  if (!('components' in document) || !document.components?.schemas) return document;
  const schemas = document.components.schemas as Record<string, unknown>;
  const reachable = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') {
        const name = inner.replace('#/components/schemas/', '');
        if (!reachable.has(name)) {
          reachable.add(name);
          visit(schemas[name]);
        }
      } else {
        visit(inner);
      }
    }
  };
  visit('paths' in document ? document.paths : {});
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reachable.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } } as Document;
}
