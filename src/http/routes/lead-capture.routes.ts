import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { submitLeadForm } from '../../app/lead-capture.service.js';
import { problems } from '../schemas/common.js';
import {
  FormTokenParams,
  LeadSubmissionBody,
  LeadSubmissionReceived,
} from '../schemas/leads.schema.js';

/** A web form posts a few short fields; anything near this is not a person typing. */
export const SUBMISSION_BODY_LIMIT = 16 * 1024;
const URLENCODED = 'application/x-www-form-urlencoded';

/**
 * The public end of the web forms: no session, no CSRF token (there is no session to
 * forge), the form's token in the URL is the only credential. Registered in its own
 * context under /api/forms so none of /api/v1's session rules apply, and so a plain HTML
 * `<form method="post">` (urlencoded) works as well as a script posting JSON.
 */
export function leadCaptureRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  fastify.addContentTypeParser(URLENCODED, { parseAs: 'string' }, (_request, body, done) => {
    // Repeated names keep the last value, as a flat lead field can only hold one.
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/:token/submissions',
    {
      bodyLimit: SUBMISSION_BODY_LIMIT,
      schema: {
        tags: ['Lead forms'],
        operationId: 'submitLeadForm',
        summary: 'Submit a web form (public: the token is the credential)',
        description:
          'JSON or `application/x-www-form-urlencoded`, field names as the form maps them. Throttled per address and per form (429 with Retry-After). A filled-in honeypot field is answered like a success and kept nowhere. An unknown or revoked token answers 404. A browser post (urlencoded) to a form with a `redirectUrl` is sent there (303).',
        security: [],
        params: FormTokenParams,
        body: LeadSubmissionBody,
        response: {
          200: LeadSubmissionReceived,
          303: z.undefined().describe('Sent on to the form’s redirectUrl'),
          ...problems(400, 404, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const { redirectUrl } = await submitLeadForm(ctx, request.params.token, request.body, {
        address: request.ip,
        requestId: request.id,
      });
      const fromBrowser = (request.headers['content-type'] ?? '').startsWith(URLENCODED);
      if (fromBrowser && redirectUrl) return reply.redirect(redirectUrl, 303);
      return { received: true as const };
    },
  );
}
