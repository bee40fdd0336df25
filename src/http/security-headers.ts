import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Browser-side defences: a strict Content-Security-Policy (scripts only from us), no
 * framing, no MIME sniffing, no referrer leaks, HSTS. CORS is off unless origins are
 * configured: the web UI is served from the same origin and needs none.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  corsOrigins: readonly string[],
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The API docs page styles itself inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
  if (corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...corsOrigins],
      credentials: true,
      allowedHeaders: [
        'content-type',
        'authorization',
        'x-csrf-token',
        'idempotency-key',
        'x-request-id',
        'accept-language',
      ],
      exposedHeaders: ['x-request-id', 'retry-after', 'idempotent-replayed'],
    });
  }
}
