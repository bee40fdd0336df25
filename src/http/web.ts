import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web UI (web/dist) from the same origin as the API, so cookies and CSP
 * stay simple. Unknown non-API paths get index.html: the UI does its own routing.
 */
export async function registerWeb(app: FastifyInstance, webRoot: string | null): Promise<boolean> {
  if (webRoot === null || !existsSync(join(webRoot, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
  });
  return true;
}
