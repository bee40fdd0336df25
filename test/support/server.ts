import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../src/app/context.js';
import { buildHttpApp } from '../../src/http/app.js';
import { openRuntime } from '../../src/runtime.js';
import type { Runtime } from '../../src/runtime.js';
import type { DialectUnderTest, TestDatabase } from './dialects.js';

export interface TestServer {
  readonly url: string;
  readonly runtime: Runtime;
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** A real server on a random loopback port over a fresh database of the given dialect. */
export async function startTestServer(
  dialect: DialectUnderTest,
  options: { clock?: Clock; webRoot?: string | null } = {},
): Promise<TestServer> {
  const database = dialect.create();
  const runtime = await openRuntime(database.target, {
    ...(database.schema ? { schema: database.schema } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    poolSize: 5,
  });
  const app = await buildHttpApp(runtime.ctx, {
    logger: false,
    publicUrl: 'http://127.0.0.1',
    webRoot: options.webRoot ?? null,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    app,
    database,
    close: async () => {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}
