import { buildHttpApp } from '../src/http/app.js';
import type { Runtime } from '../src/runtime.js';

export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The real HTTP app, as `pipewright serve` builds it minus request logging and the web UI,
 * listening on a random loopback port in this process.
 */
export async function startBenchServer(runtime: Runtime): Promise<BenchServer> {
  const app = await buildHttpApp(runtime.ctx, {
    logger: false,
    publicUrl: 'http://127.0.0.1',
    webRoot: null,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address !== 'object') {
    await app.close();
    throw new Error('the bench server has no TCP address');
  }
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
